package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry workflow commands, in-process, on a real registry directory. */
class RegistryCommandsTest {
  @TempDir Path dir;
  Path registry;
  int second;

  @BeforeEach
  void setUp() {
    registry = dir.resolve("registry");
  }

  /** A clock one second later on every call site, so that version ids never collide. */
  private Clock clock() {
    return Clock.fixed(Instant.parse("2026-11-23T10:00:00Z").plusSeconds(second++), ZoneOffset.UTC);
  }

  private Cli.Result cli(String... args) {
    return Cli.run(clock(), args);
  }

  /** A run directory holding a small valid candidate whose proposal has the given risk. */
  private Path runDir(String name, double factor, String risk) throws Exception {
    Path run = dir.resolve(name);
    Files.createDirectories(run);
    Files.writeString(
        run.resolve("calibration.json"),
        "{\"schema\":1,\"version\":\"pending\",\"calibrators\":{},"
            + "\"factors\":{\"CONDITION_PRICE_FACTOR\":{\"used_good\":" + factor + "}},"
            + "\"bounds\":{\"CONDITION_PRICE_FACTOR\":{\"min\":0.5,\"max\":1.2}},\"weights\":{}}");
    Files.writeString(
        run.resolve("proposal.json"),
        "{\"schema\":1,\"id\":\"cal-proposal-" + name + "\",\"risk\":{\"level\":\"" + risk + "\",\"score\":0.1,\"blocking\":"
            + risk.equals("HIGH") + "},\"checks\":[{\"name\":\"samples.run\",\"severity\":"
            + "\"CRITICAL\",\"measured\":70,\"threshold\":50,\"passed\":true,\"message\":\"ok\"}]}");
    Files.writeString(
        run.resolve("report.md"),
        "# Calibration proposal cal-proposal-" + name + "\n\ncalibration approve cal-proposal-"
            + name + " --by NAME\n");
    Files.writeString(run.resolve("report.json"), "{}");
    Files.writeString(run.resolve("report.html"), "<html/>");
    return run;
  }

  private String propose(Path run) {
    Cli.Result r = cli("propose", "--run", run.toString(), "-r", registry.toString(), "--by", "ann");
    assertEquals(0, r.exit(), r.toString());
    Matcher m = Pattern.compile("proposed (cal-\\S+)").matcher(r.out());
    assertTrue(m.find(), r.out());
    return m.group(1);
  }

  private JsonNode active() throws Exception {
    return Json.MAPPER.readTree(registry.resolve("active.json").toFile());
  }

  @Test
  void workflow_proposeApproveActivateRollback_movesActiveJsonAndRecordsEveryStep()
      throws Exception {
    String first = propose(runDir("run1", 0.85, "LOW"));
    assertEquals(0, cli("approve", first, "--by", "bob", "--reason", "ok", "-r", registry.toString()).exit());
    Cli.Result a = cli("activate", first, "--by", "bob", "-r", registry.toString());
    assertEquals(0, a.exit(), a.toString());
    assertEquals(first, active().get("version").asText());
    assertEquals(0.85, active().at("/factors/CONDITION_PRICE_FACTOR/used_good").asDouble(), 0);

    String second = propose(runDir("run2", 0.75, "MEDIUM"));
    assertEquals(0, cli("approve", second, "--by", "bob", "--reason", "ok", "-r", registry.toString()).exit());
    assertEquals(0, cli("activate", second, "--by", "bob", "-r", registry.toString()).exit());
    assertEquals(0.75, active().at("/factors/CONDITION_PRICE_FACTOR/used_good").asDouble(), 0);

    Cli.Result rb = cli("rollback", "--by", "oncall", "--reason", "alerts", "-r", registry.toString());
    assertEquals(0, rb.exit(), rb.toString());
    assertTrue(rb.out().contains("rolled back from " + second + " to " + first), rb.out());
    assertEquals(first, active().get("version").asText());

    Cli.Result status = cli("status", "-r", registry.toString());
    assertEquals(0, status.exit(), status.toString());
    assertTrue(status.out().contains("active:  " + first), status.out());
    assertTrue(status.out().contains("audit chain intact"), status.out());

    Cli.Result history = cli("history", "-r", registry.toString());
    // propose, validate, approve, activate twice each, then one rollback: 9 events.
    List<String> kinds =
        history.out().lines().skip(1).map(l -> l.trim().split("\\s+")[3]).toList();
    assertEquals(
        List.of("proposed", "validated", "approved", "activated", "proposed", "validated",
            "approved", "activated", "rolled_back"),
        kinds,
        history.out());
    Cli.Result last2 = cli("history", "--limit", "2", "-r", registry.toString());
    assertEquals(3, last2.out().lines().count(), last2.out());

    Cli.Result verify = cli("audit", "verify", "-r", registry.toString());
    assertEquals(0, verify.exit(), verify.toString());

    Cli.Result report = cli("report", first, "--html", "-r", registry.toString());
    assertEquals(0, report.exit(), report.toString());
    assertTrue(report.out().contains("report.html"), report.out());
    // The kept report names the registry's version id, not the proposal's own.
    String md = Files.readString(Path.of(report.out().lines().findFirst().orElseThrow()));
    assertTrue(md.contains("calibration approve " + first + " "), md);
    assertTrue(!md.contains("cal-proposal-run1"), md);
  }

  @Test
  void activate_unapprovedVersion_exitsOneNamingTheState() throws Exception {
    String id = propose(runDir("run1", 0.85, "LOW"));
    Cli.Result r = cli("activate", id, "--by", "bob", "-r", registry.toString());
    assertEquals(ExitCodes.BLOCKED, r.exit(), r.toString());
    assertTrue(r.err().contains("pending approval"), r.err());
    assertTrue(!Files.exists(registry.resolve("active.json")), "nothing activated");
  }

  @Test
  void propose_highRisk_isRecordedButExitsOneAndCannotBeApproved() throws Exception {
    Path run = runDir("run1", 0.85, "HIGH");
    Cli.Result p = cli("propose", "--run", run.toString(), "-r", registry.toString(), "--by", "ann");
    assertEquals(ExitCodes.BLOCKED, p.exit(), p.toString());
    Matcher m = Pattern.compile("proposed (cal-\\S+)").matcher(p.out());
    assertTrue(m.find(), p.out());
    Cli.Result a = cli("approve", m.group(1), "--by", "bob", "--reason", "x", "-r", registry.toString());
    assertEquals(ExitCodes.BLOCKED, a.exit(), a.toString());
    assertTrue(a.err().contains("high risk"), a.err());
    Cli.Result c = cli("check", m.group(1), "-r", registry.toString());
    assertEquals(ExitCodes.BLOCKED, c.exit(), c.toString());
    assertTrue(c.out().contains("samples.run"), c.out());
  }

  @Test
  void approve_unknownVersion_exitsTwo() throws Exception {
    propose(runDir("run1", 0.85, "LOW"));
    Cli.Result r =
        cli("approve", "cal-20991231-000000-abcdef", "--by", "bob", "--reason", "x", "-r",
            registry.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().contains("cal-20991231-000000-abcdef"), r.err());
  }

  @Test
  void propose_invalidConfig_exitsOneListingTheProblem() throws Exception {
    Path run = runDir("run1", 0.85, "LOW");
    Files.writeString(
        run.resolve("calibration.json"),
        "{\"schema\":1,\"version\":\"x\",\"calibrators\":{\"sell_p60\":{\"default\":"
            + "{\"method\":\"platt2\",\"a\":1,\"b\":0}}}}");
    Cli.Result r = cli("propose", "--run", run.toString(), "-r", registry.toString(), "--by", "ann");
    assertEquals(ExitCodes.BLOCKED, r.exit(), r.toString());
    assertTrue(r.err().contains("platt2"), r.err());
  }

  @Test
  void status_notARegistry_exitsThreeNamingTheDirectory() {
    Cli.Result r = cli("status", "-r", dir.resolve("nowhere").toString());
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains("nowhere") && r.err().contains("not a registry"), r.err());
  }

  @Test
  void auditVerify_editedEvent_exitsThreeNamingTheLine() throws Exception {
    String id = propose(runDir("run1", 0.85, "LOW"));
    assertEquals(0, cli("approve", id, "--by", "bob", "--reason", "ok", "-r", registry.toString()).exit());
    Path audit = registry.resolve("audit.jsonl");
    List<String> lines = Files.readAllLines(audit);
    lines.set(2, lines.get(2).replace("\"bob\"", "\"eve\""));
    Files.write(audit, lines);
    Cli.Result r = cli("audit", "verify", "-r", registry.toString());
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains("audit.jsonl:3"), r.err());
  }

  @Test
  void rollback_nothingBefore_exitsOne() throws Exception {
    String id = propose(runDir("run1", 0.85, "LOW"));
    assertEquals(0, cli("approve", id, "--by", "bob", "--reason", "ok", "-r", registry.toString()).exit());
    assertEquals(0, cli("activate", id, "--by", "bob", "-r", registry.toString()).exit());
    Cli.Result r = cli("rollback", "--by", "oncall", "-r", registry.toString());
    assertEquals(ExitCodes.BLOCKED, r.exit(), r.toString());
    assertTrue(r.err().contains("nothing to roll back to"), r.err());
  }
}
