package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar, run as users run it: {@code java -jar calibration.jar ...} in a separate process.
 * Runs in the {@code package} phase after the jar is built (see the module pom); run by hand with
 * {@code mvn -o -B -pl calibration-cli -am package -Dmaven.javadoc.skip=true}.
 */
class PackagedJarIT {
  private static Path jar = Path.of("target", "calibration.jar");

  /** The output of one run of the jar. */
  record Proc(int exit, String out, String err) {}

  @BeforeAll
  static void findJar() {
    jar = Path.of(System.getProperty("calibration.jar", jar.toString()));
    assumeTrue(
        Files.isRegularFile(jar),
        "the shaded jar " + jar.toAbsolutePath() + " is not built; run 'mvn package' first");
  }

  static Proc java(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:off");
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    Path out = workDir.resolve("stdout.txt");
    Path err = workDir.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("java -jar " + String.join(" ", args) + " did not end in 120 s");
    }
    return new Proc(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void jar_help_listsEveryCommand(@TempDir Path dir) throws Exception {
    Proc p = java(dir, "--help");
    assertEquals(0, p.exit(), p.err());
    for (String c : List.of("run", "apply", "fit", "propose", "status", "audit", "demo")) {
      assertTrue(p.out().contains("\n  " + c + " "), "no " + c + " in\n" + p.out());
    }
  }

  @Test
  void jar_demo_runsTheWholeLoopInAChildJvm(@TempDir Path dir) throws Exception {
    Proc p = java(dir, "demo", "--dir", dir.resolve("demo").toString(), "--items", "2000");
    assertEquals(0, p.exit(), p.out() + p.err());
    assertTrue(p.out().contains("[after, cal-"), p.out());
    assertTrue(p.out().contains("[rolled back, cal-"), p.out());
    assertTrue(p.out().contains("HTML report: "), p.out());
  }

  @Test
  void jar_run_onAGeneratedFile_writesTheFilesAndAJsonSummary(@TempDir Path dir) throws Exception {
    DemoData.DataSet set =
        DemoData.pricing(1500, 3, java.time.Instant.parse("2026-11-01T00:00:00Z"));
    DemoFiles.logPredictions(set.predictions(), dir.resolve("p.jsonl"));
    DemoFiles.writeOutcomes(set.outcomes(), dir.resolve("o.csv"));
    Proc p =
        java(dir, "run", "--predictions", "p.jsonl", "--outcomes", "o.csv", "--target",
            "sell_p60=sold_60d", "--method", "platt", "--out", "out", "--json");
    assertEquals(0, p.exit(), p.out() + p.err());
    com.fasterxml.jackson.databind.JsonNode json = Json.MAPPER.readTree(p.out());
    long settled = set.outcomes().stream()
        .filter(o -> o.status() == dev.calibration.api.OutcomeStatus.SETTLED).count();
    assertEquals(settled, json.at("/counts/settled").asLong());
    assertTrue(Files.isRegularFile(dir.resolve("out/calibration_suggestions.json")));
    assertTrue(Files.isRegularFile(dir.resolve("out/proposal.json")));
  }

  @Test
  void jar_unknownOption_exitsTwo(@TempDir Path dir) throws Exception {
    Proc p = java(dir, "status", "--frobnicate");
    assertEquals(ExitCodes.USAGE, p.exit(), p.err());
    assertTrue(p.err().contains("--frobnicate"), p.err());
  }
}
