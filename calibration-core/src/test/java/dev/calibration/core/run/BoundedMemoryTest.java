package dev.calibration.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calibration.core.metrics.Metrics;
import dev.calibration.core.metrics.ProbabilityMetrics;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory: a child JVM with {@code -Xmx256m} runs the file path over 2,000,000 generated
 * predictions and outcomes, and its metrics equal the in-memory computation on the same data.
 */
class BoundedMemoryTest {
  private static final int N = 2_000_000;

  @TempDir Path dir;

  @Test
  void execute_twoMillionRowsUnder256MegabyteHeap_matchesInMemoryMetrics() throws Exception {
    Path log = dir.resolve("p.jsonl");
    Path csv = dir.resolve("o.csv");
    double[] p = new double[N];
    double[] y = new double[N];
    int settled = generate(log, csv, p, y);
    Path json = dir.resolve("result.json");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                javaBin,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ForkedRunMain.class.getName(),
                log.toString(),
                csv.toString(),
                json.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    if (!child.waitFor(5, TimeUnit.MINUTES)) {
      child.destroyForcibly();
    }
    assertEquals(0, child.exitValue(), () -> read(dir.resolve("child.log")));
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(N, root.at("/counts/predictions_read").asLong());
    JsonNode overall = root.at("/targets/sell_p60/overall");
    double[] ps = java.util.Arrays.copyOf(p, settled);
    double[] ys = java.util.Arrays.copyOf(y, settled);
    ProbabilityMetrics expected = Metrics.probability(ps, ys, 15);
    assertEquals(settled, overall.get("n").asLong());
    assertEquals(expected.brier(), overall.get("brier").asDouble(), 1e-12);
    assertEquals(expected.logLoss(), overall.get("log_loss").asDouble(), 1e-12);
    assertEquals(expected.ece(), overall.get("ece").asDouble(), 1e-12);
    assertEquals(expected.eceEqualMass(), overall.get("ece_equal_mass").asDouble(), 1e-12);
    assertEquals(expected.rocAuc(), overall.get("roc_auc").asDouble(), 1e-12);
    assertEquals(expected.calibrationSlope(), overall.get("calibration_slope").asDouble(), 1e-9);
  }

  /** Writes the files; returns how many settled samples there are (first in p and y). */
  private static int generate(Path log, Path csv, double[] p, double[] y) throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    int settled = 0;
    try (OutputStream pl = new BufferedOutputStream(Files.newOutputStream(log), 1 << 20);
        OutputStream ol = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 20)) {
      ol.write("id,sold_60d\n".getBytes(StandardCharsets.US_ASCII));
      StringBuilder sb = new StringBuilder(160);
      for (int i = 0; i < N; i++) {
        int score = r.nextInt(10_000);
        double pi = score / 10_000.0;
        int yi = r.nextDouble() < pi ? 1 : 0;
        sb.setLength(0);
        sb.append("{\"id\":\"P").append(i).append("\",\"ts\":\"")
            .append(Instant.ofEpochMilli(t0 + i * 7L)).append("\",\"segment\":{\"condition\":\"c")
            .append(i % 20).append("\"},\"values\":{\"sell_p60\":").append(pi).append("}}\n");
        pl.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        if (i % 10 != 0) { // one in ten still pending
          ol.write(("P" + i + "," + yi + "\n").getBytes(StandardCharsets.US_ASCII));
          p[settled] = pi;
          y[settled] = yi;
          settled++;
        }
      }
    }
    return settled;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      return "(no child log: " + e + ")";
    }
  }
}
