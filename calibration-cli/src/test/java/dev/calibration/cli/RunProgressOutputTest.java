package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: progress (stage, records read, records/s) only when a terminal is attached; otherwise
 * nothing but the summary. Both through picocli, with the streams captured.
 */
class RunProgressOutputTest {
  private static final Pattern PROGRESS_LINE =
      Pattern.compile(
          "(predictions|outcomes|join|metrics|fit\\+propose|write)"
              + "( \\.\\.\\.| +[0-9,]+ records +[0-9,]+ records/s)? *");

  @TempDir Path dir;

  private Path inputs() throws Exception {
    StringBuilder log = new StringBuilder();
    StringBuilder csv = new StringBuilder("id,sold_60d\n");
    for (int i = 0; i < 400; i++) {
      log.append("{\"schema\":1,\"id\":\"P").append(i)
          .append("\",\"ts\":\"2026-11-01T10:00:00Z\",\"values\":{\"sell_p60\":")
          .append((i % 10) / 10.0).append("}}\n");
      csv.append('P').append(i).append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
    }
    Files.writeString(dir.resolve("p.jsonl"), log);
    Files.writeString(dir.resolve("o.csv"), csv);
    return dir;
  }

  private String[] args(String out) {
    return new String[] {
      "run", "--predictions", dir.resolve("p.jsonl").toString(),
      "--outcomes", dir.resolve("o.csv").toString(),
      "--target", "sell_p60=sold_60d", "--out", dir.resolve(out).toString()
    };
  }

  private static Cli.Result run(boolean terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Main.run(args, o, e, Cli.CLOCK, terminal);
    }
    return new Cli.Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void run_notATerminal_printsNothingButTheSummary() throws Exception {
    inputs();
    Cli.Result r = run(false, args("out"));
    assertEquals(0, r.exit(), r.toString());
    assertEquals("", r.err(), "nothing on standard error");
    assertFalse(r.out().contains("\r"), r.out());
    assertTrue(r.out().startsWith("read 400 predictions and 400 outcomes"), r.out());
  }

  @Test
  void run_terminal_drawsStagesAndCountsOnStandardErrorAndClearsThem() throws Exception {
    inputs();
    Cli.Result quiet = run(false, args("quiet"));
    Cli.Result shown = run(true, args("shown"));
    assertEquals(0, shown.exit(), shown.toString());
    // the summary is the same; only standard error carries progress
    assertEquals(
        quiet.out().replace(dir.resolve("quiet").toString(), "OUT"),
        shown.out().replace(dir.resolve("shown").toString(), "OUT"));
    String err = shown.err();
    assertTrue(err.startsWith("\r") && err.endsWith("\r"), err);
    assertTrue(err.contains("\rpredictions  400 records  "), err);
    assertTrue(err.contains("\routcomes     400 records  "), err);
    assertTrue(err.contains("\rfit+propose ..."), err);
    for (String segment : err.substring(1).split("\r")) {
      assertTrue(
          segment.isBlank() || PROGRESS_LINE.matcher(segment).matches(),
          "not a progress line: '" + segment + "'");
    }
    // cleared: the last thing drawn is blanks over the widest line
    String last = err.substring(err.lastIndexOf('\r', err.length() - 2) + 1, err.length() - 1);
    assertTrue(last.isBlank() && last.length() >= "predictions  400 records".length(), err);
  }
}
