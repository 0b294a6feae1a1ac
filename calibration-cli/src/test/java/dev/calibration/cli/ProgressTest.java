package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line, driven by a hand-moved clock. */
class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now = 5_000_000_000L;

  private String drawn() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** 100,000 records two seconds into the stage: 50,000 records/s, whatever came before it. */
  @Test
  void update_twoSecondsIntoStage_drawsRecordsAndRateThenClearsOnClose() {
    try (Progress p = new Progress(out, true, () -> now)) {
      now += 7_000_000_000L; // time spent before the stage does not count in its rate
      p.stage("predictions");
      p.note();
      now += 2_000_000_000L;
      p.update(100_000);
    }
    String line = "predictions  100,000 records  50,000 records/s";
    assertEquals(
        "\rpredictions ..." + "\r" + line + "\r" + " ".repeat(line.length()) + "\r", drawn());
  }

  @Test
  void update_within250ms_isNotRedrawn() {
    Progress p = new Progress(out, true, () -> now);
    p.stage("outcomes");
    now += 1_000_000_000L;
    p.update(1_000);
    int afterFirst = drawn().length();
    now += 249_000_000L;
    p.update(2_000);
    assertEquals(afterFirst, drawn().length());
    now += 1_000_000L;
    p.update(3_000);
    assertEquals("\routcomes     1,000 records  1,000 records/s"
        + "\routcomes     3,000 records  2,400 records/s", drawn());
  }

  @Test
  void everything_notATerminal_drawsNothing() {
    try (Progress p = new Progress(out, false, () -> now)) {
      p.stage("predictions");
      p.note();
      now += 2_000_000_000L;
      p.update(100_000);
    }
    assertEquals("", drawn());
  }
}
