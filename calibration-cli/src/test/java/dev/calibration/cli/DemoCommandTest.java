package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, in-process: every stage of the loop on real files and a real loader. */
class DemoCommandTest {
  private static final Pattern FACTOR =
      Pattern.compile("\\[(before|after|rolled back), ([^\\]]+)\\] used_good item, base 120.00:"
          + " price ([0-9.]+) \\(factor ([0-9.]+)\\), P\\(sell in 60 d\\) 0.850 -> ([0-9.]+)");

  @Test
  void demo_generatedData_activatesReloadsAndRollsBack(@TempDir Path dir) throws Exception {
    Cli.Result r = Cli.run(Clock.systemUTC(), "demo", "--dir", dir.toString(), "--items", "2000");
    assertEquals(0, r.exit(), r.toString());
    Matcher m = FACTOR.matcher(r.out());
    List<String[]> shown = new java.util.ArrayList<>();
    while (m.find()) {
      shown.add(new String[] {m.group(1), m.group(2), m.group(4), m.group(5)});
    }
    assertEquals(3, shown.size(), r.out());
    // Before: the engine's own factor 0.85 and no calibrator (identity).
    assertEquals("0.850", shown.get(0)[2]);
    assertEquals("0.850", shown.get(0)[3]);
    // After: used_good's true factor is 0.75, so the suggestion moves down from 0.85; the
    // over-confident sell-through (true p = sigmoid(0.6 logit p - 0.3) = 0.73 at 0.85) comes down.
    double after = Double.parseDouble(shown.get(1)[2]);
    assertTrue(after < 0.82 && after > 0.70, "factor after " + after);
    double sell = Double.parseDouble(shown.get(1)[3]);
    assertTrue(sell < 0.80, "sell_p60 after " + sell);
    assertTrue(!shown.get(1)[1].equals(shown.get(0)[1]), "a new version was loaded");
    // Rolled back: the baseline version and its values again.
    assertEquals(shown.get(0)[1], shown.get(2)[1]);
    assertEquals("0.850", shown.get(2)[2]);
    assertTrue(r.out().contains("audit chain intact"), r.out());
    Matcher report = Pattern.compile("HTML report: (\\S+)").matcher(r.out());
    assertTrue(report.find(), r.out());
    assertTrue(Files.size(Path.of(report.group(1))) > 1000);
    // The report kept with the version tells the reader to approve that version.
    String html = Files.readString(Path.of(report.group(1)));
    assertTrue(html.contains("calibration approve " + shown.get(1)[1]), "report names the version");
    assertTrue(Files.isRegularFile(dir.resolve("predictions/pricing.jsonl")));
    assertTrue(r.out().toLowerCase(Locale.ROOT).contains("approved by demo"), r.out());
  }

  @Test
  void demo_existingRegistry_refusesToMixRuns(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("registry"));
    Files.writeString(dir.resolve("registry/audit.jsonl"), "");
    Cli.Result r = Cli.run("demo", "--dir", dir.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().contains("already holds a demo registry"), r.err());
  }
}
