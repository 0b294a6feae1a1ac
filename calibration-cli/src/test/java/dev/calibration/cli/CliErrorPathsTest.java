package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command as a new user first meets it: no arguments, a missing file, a malformed line, an
 * unknown method or version. The exit status is DESIGN.md's (2 usage, 3 data) and the message
 * names what is wrong and where.
 */
class CliErrorPathsTest {
  private static final String P1 =
      "{\"schema\":1,\"id\":\"A\",\"ts\":\"2026-11-01T10:00:00Z\",\"values\":{\"sell_p60\":0.8}}";
  private static final String P2 =
      "{\"schema\":1,\"id\":\"B\",\"ts\":\"2026-11-01T11:00:00Z\",\"values\":{\"sell_p60\":0.4}}";

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "apply", "fit", "approve", "reject", "activate", "check", "report"})
  void noArguments_commandWithRequiredInput_exitsTwoNamingWhatIsMissingAndTheHelp(String command) {
    Cli.Result r = Cli.run(command);
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().contains("Missing required"), r.err());
    assertTrue(r.err().contains("calibration " + command + " --help"), r.err());
    assertEquals("", r.out(), "nothing on standard output");
  }

  @Test
  void noArguments_audit_exitsTwoSayingWhatToDo() {
    Cli.Result r = Cli.run("audit");
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().contains("audit verify"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "history", "audit verify", "rollback --by oncall"})
  void registryCommand_notARegistry_exitsThreeNamingTheDirectory(String command) {
    Path nowhere = dir.resolve("nowhere");
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--registry", nowhere.toString()));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains(nowhere + ": not a registry"), r.err());
    assertFalse(Files.exists(nowhere), "a read command must not create the registry");
  }

  /** A registry with one proposed version; each command is then given an id it does not hold. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "approve ID --by bob --reason ok",
        "reject ID --by bob --reason no",
        "activate ID --by bob",
        "check ID",
        "report ID",
        "rollback ID --by oncall",
      })
  void registryCommand_unknownVersion_exitsTwoNamingTheVersion(String command) throws Exception {
    Path registry = dir.resolve("registry");
    propose(registry);
    String unknown = "cal-20991231-000000-abcdef";
    List<String> args = new ArrayList<>(List.of(command.replace("ID", unknown).split(" ")));
    args.addAll(List.of("--registry", registry.toString()));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().contains(unknown), r.err());
  }

  private void propose(Path registry) throws Exception {
    Path run = dir.resolve("run1");
    Files.createDirectories(run);
    Files.writeString(
        run.resolve("calibration.json"),
        "{\"schema\":1,\"version\":\"pending\",\"calibrators\":{},"
            + "\"factors\":{\"CONDITION_PRICE_FACTOR\":{\"used_good\":0.9}},"
            + "\"bounds\":{\"CONDITION_PRICE_FACTOR\":{\"min\":0.5,\"max\":1.2}},\"weights\":{}}");
    Files.writeString(
        run.resolve("proposal.json"),
        "{\"schema\":1,\"id\":\"p1\",\"risk\":{\"level\":\"LOW\",\"score\":0.0,\"blocking\":false},"
            + "\"checks\":[]}");
    Cli.Result r =
        Cli.run(
            Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC),
            "propose", "--run", run.toString(), "--registry", registry.toString(), "--by", "ann");
    assertEquals(0, r.exit(), r.toString());
    Matcher m = Pattern.compile("proposed (cal-\\S+)").matcher(r.out());
    assertTrue(m.find(), r.out());
  }

  @Test
  void propose_missingRunDirectory_exitsThreeNamingTheFileAndCreatesNoRegistry() {
    Path registry = dir.resolve("registry");
    Path run = dir.resolve("no-run");
    Cli.Result r =
        Cli.run("propose", "--run", run.toString(), "--registry", registry.toString(), "--by", "a");
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains(run.resolve("calibration.json") + ": no such file"), r.err());
    assertFalse(Files.exists(registry), "no registry for a proposal that was never read");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // outcome file content | expected in the message
        "id,sold_60d\\nA,1\\nB,0,7  | o.csv:3",
        "id,sold_60d\\nA,1\\n,0  | o.csv:3",
        "id,won\\nA,1  | o.csv:1: no column 'sold_60d'",
      })
  void run_badOutcomeFile_exitsThreeNamingFileLineOrColumn(String csv, String where)
      throws Exception {
    Path predictions = write("p.jsonl", P1 + "\n" + P2 + "\n");
    Path outcomes = write("o.csv", csv.strip().replace("\\n", "\n") + "\n");
    Cli.Result r =
        Cli.run(
            "run", "--predictions", predictions.toString(), "--outcomes", outcomes.toString(),
            "--target", "sell_p60=sold_60d", "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains(where), r.err());
    assertFalse(Files.exists(dir.resolve("out/proposal.json")), "no output after a data error");
  }

  @Test
  void run_nonNumericOutcomeCell_isCountedAndNamedWithLineAndColumnInTheSummary()
      throws Exception {
    Path predictions = write("p.jsonl", P1 + "\n" + P2 + "\n");
    Path outcomes = write("o.csv", "id,sold_60d\nA,1\nB,maybe\n");
    Cli.Result r =
        Cli.run(
            "run", "--predictions", predictions.toString(), "--outcomes", outcomes.toString(),
            "--target", "sell_p60=sold_60d", "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    assertTrue(r.out().contains(outcomes + ":3 column 'sold_60d'"), r.out());
  }

  @Test
  void run_malformedPredictionLine_exitsThreeNamingFileAndLine() throws Exception {
    Path predictions = write("p.jsonl", P1 + "\n{\"schema\":1,\"id\":\n" + P2 + "\n");
    Path outcomes = write("o.csv", "id,sold_60d\nA,1\nB,0\n");
    Cli.Result r =
        Cli.run(
            "run", "--predictions", predictions.toString(), "--outcomes", outcomes.toString(),
            "--target", "sell_p60=sold_60d", "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains(predictions + ":2"), r.err());
  }

  @Test
  void run_missingOutcomes_exitsThreeNamingTheFile() throws Exception {
    Path predictions = write("p.jsonl", P1 + "\n");
    Path missing = dir.resolve("nope.csv");
    Cli.Result r =
        Cli.run(
            "run", "--predictions", predictions.toString(), "--outcomes", missing.toString(),
            "--target", "sell_p60=sold_60d", "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains(missing + ": no such file"), r.err());
  }

  @Test
  void apply_missingSuggestions_exitsThreeNamingTheFile() {
    Path missing = dir.resolve("nope.json");
    Cli.Result r = Cli.run("apply", "--suggestions", missing.toString(), "--dry-run");
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains(missing.toString()), r.err());
  }

  @Test
  void fit_unknownMethod_exitsTwoListingTheKnownOnes() throws Exception {
    Path train = write("t.csv", "score,label\n0.1,0\n0.9,1\n");
    Cli.Result r = Cli.run("fit", "--method", "isotonik", "--input", train.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().contains("isotonik") && r.err().contains("isotonic"), r.err());
  }
}
