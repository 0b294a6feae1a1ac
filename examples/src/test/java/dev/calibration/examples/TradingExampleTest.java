package dev.calibration.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradingExampleTest {
  @Test
  void run_configReplacedThreeTimes_keepsTradingWithEveryVersionAndNoErrors(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TradingExample.Summary s =
        TradingExample.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(0, s.errors(), out.toString(StandardCharsets.UTF_8));
    assertTrue(s.decisions() > 100, "decisions " + s.decisions());
    // The trader ran throughout: it made decisions under the first and the last version.
    assertTrue(s.versions().contains("v1") && s.versions().contains("v4"), s.versions().toString());
  }
}
