package dev.calibration.bench;

import dev.calibration.core.outcome.OutcomeMapping;
import dev.calibration.core.run.CalibrationRun;
import dev.calibration.core.run.RunResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * End-to-end throughput of a calibration run: generates N predictions (JSONL, the DESIGN.md format,
 * 20 segments, a probability and a value target, two ensemble members, a context object) and N
 * outcomes (CSV) once into a directory, then times read + join + every metric.
 *
 * <p>Not JMH: one run over 10,000,000 records takes seconds and the question is records per second
 * and peak memory of the whole pipeline. Run with:
 *
 * <pre>
 * mvn -o -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
 * /usr/bin/time -v java -Xmx2g -cp benchmarks/target/benchmarks.jar \
 *     dev.calibration.bench.RunThroughputDriver 10000000 /tmp/run-bench 3
 * </pre>
 *
 * Arguments: records (default 10,000,000), data directory (generated when missing), repetitions.
 */
public final class RunThroughputDriver {
  private RunThroughputDriver() {}

  /**
   * Runs the driver.
   *
   * @param args records, directory, repetitions
   */
  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/run-bench-" + n);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path log = dir.resolve("predictions.jsonl");
    Path csv = dir.resolve("outcomes.csv");
    if (!Files.exists(csv)) {
      long t = System.nanoTime();
      generate(n, log, csv);
      System.out.printf(Locale.ROOT, "generated %,d records in %.1f s (%,d + %,d bytes)%n", n,
          (System.nanoTime() - t) / 1e9, Files.size(log), Files.size(csv));
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int r = 0; r < reps; r++) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      RunResult result =
          CalibrationRun.builder()
              .predictionFiles(log)
              .outcomeFiles(OutcomeMapping.defaults(), csv)
              .target("sell_p60=sold_60d")
              .target("price=realized_price")
              .segmentBy("condition")
              .build()
              .execute();
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      Runtime rt = Runtime.getRuntime();
      System.out.printf(Locale.ROOT,
          "run %d: %.2f s, %,.0f prediction records/s, heap used %,d MB; joined %,d / %,d; ECE %.4f%n",
          r, s, n / s, (rt.totalMemory() - rt.freeMemory()) >> 20,
          result.joinCounts().targets().get("sell_p60").joined(),
          result.joinCounts().targets().get("price").joined(),
          ((dev.calibration.core.metrics.ProbabilityMetrics) result.target("sell_p60").overall()).ece());
      System.out.printf(Locale.ROOT,
          "  cpu %.1f s (%.2f cores busy); on 2 dedicated cores that is about %,.0f records/s%n",
          cpu, cpu / s, n / (cpu / 2));
      System.out.println("  stages (wall ms): " + result.timings());
    }
  }

  /** A non-negative number with a fixed number of decimals (scale 100 = two), without String.format. */
  private static StringBuilder fixed(double v, int scale) {
    long units = Math.round(v * scale);
    StringBuilder b = new StringBuilder(12).append(units / scale).append('.');
    String frac = Long.toString(units % scale);
    for (int k = frac.length(); k < Integer.toString(scale).length() - 1; k++) {
      b.append('0');
    }
    return b.append(frac);
  }

  static void generate(int n, Path log, Path csv) throws IOException {
    Files.createDirectories(log.getParent());
    SplittableRandom r = new SplittableRandom(7);
    long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    StringBuilder sb = new StringBuilder(512);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(log), 1 << 20);
        OutputStream o = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 20)) {
      o.write("id,status,sold_60d,realized_price\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < n; i++) {
        int seg = r.nextInt(20);
        double p = Math.min(0.999, Math.max(0.001, 0.1 + seg * 0.04 + r.nextDouble() * 0.1 - 0.05));
        double price = 20 + seg * 10 + r.nextDouble() * 50;
        String ts = Instant.ofEpochMilli(t0 + i * 3L).toString();
        sb.setLength(0);
        sb.append("{\"schema\":1,\"id\":\"SKU").append(i).append("\",\"ts\":\"").append(ts)
            .append("\",\"model\":\"pricer\",\"model_version\":\"").append(i < n / 2 ? "2.0.0" : "2.1.0")
            .append("\",\"calibration_version\":\"cal-000").append(i < n / 2 ? 6 : 7)
            .append("\",\"segment\":{\"condition\":\"c").append(seg).append("\"},\"values\":{\"price\":")
            .append(fixed(price, 100)).append(",\"sell_p60\":")
            .append(fixed(p, 10000)).append("},\"members\":{\"sell_p60\":{\"xgb\":")
            .append(fixed(Math.min(1, p + 0.01), 10000)).append(",\"lgbm\":")
            .append(fixed(Math.max(0, p - 0.01), 10000))
            .append("}},\"context\":{\"lot_id\":\"LOT").append(i / 100)
            .append("\",\"opt_source\":\"run_optimize\",\"opt_params\":{\"sims\":100}}}\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        boolean sold = r.nextDouble() < Math.min(1, p * 1.1);
        String status = r.nextInt(100) == 0 ? "void" : "settled";
        String realized = sold ? fixed(price * (0.8 + r.nextDouble() * 0.4), 100).toString() : "";
        String row = "SKU" + i + "," + status + "," + (sold ? 1 : 0) + "," + realized + "\n";
        o.write(row.getBytes(StandardCharsets.US_ASCII));
      }
    }
  }
}
