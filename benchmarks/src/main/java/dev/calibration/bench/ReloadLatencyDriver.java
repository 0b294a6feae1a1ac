package dev.calibration.bench;

import dev.calibration.api.ConfigSource;
import dev.calibration.core.config.CalibrationConfig;
import dev.calibration.core.config.CalibratorSpec;
import dev.calibration.core.config.TargetCalibrators;
import dev.calibration.loader.CalibrationLoader;
import dev.calibration.loader.ConfigSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Reload latency, end to end: the time from the atomic rename of a new {@code active.json} to
 * {@code loader.current().version()} showing it, over many reloads, with the directory watch
 * ({@code watch}) or with polling only ({@code poll}, the watch disabled).
 *
 * <p>Not a JMH benchmark: each sample is one real file-system event, so the driver times them
 * itself with {@link System#nanoTime()} while a reader spins on {@code current()}. The config has
 * one isotonic map of 1,000 thresholds, so parsing and validation are part of the figure.
 *
 * <p>Run: {@code mvn -o -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
 * && java -cp benchmarks/target/benchmarks.jar dev.calibration.bench.ReloadLatencyDriver watch 200}
 * and {@code ... ReloadLatencyDriver poll 50 250} (the last argument is the poll interval in ms).
 */
public final class ReloadLatencyDriver {
  private ReloadLatencyDriver() {}

  /**
   * Runs the driver.
   *
   * @param args {@code watch|poll}, the number of reloads (default 200), the poll interval in ms
   *     (default 2000 for watch, 250 for poll), the debounce in ms (default the loader's)
   */
  public static void main(String[] args) throws IOException {
    String mode = args.length > 0 ? args[0] : "watch";
    int reloads = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    boolean watch = mode.equals("watch");
    long pollMillis = args.length > 2 ? Long.parseLong(args[2]) : watch ? 2000 : 250;
    Duration debounce =
        args.length > 3 ? Duration.ofMillis(Long.parseLong(args[3])) : CalibrationLoader.DEFAULT_DEBOUNCE;
    Path dir = Files.createTempDirectory("reload-latency");
    Path active = dir.resolve("active.json");
    try {
      Files.write(active, document(0));
      ConfigSource file = ConfigSources.file(active);
      ConfigSource source = watch ? file : file::fetch; // a lambda source has no watch
      double[] millis = new double[reloads];
      try (CalibrationLoader loader =
          CalibrationLoader.builder()
              .source(source)
              .methods(BenchIsotonic.resolver())
              .pollInterval(Duration.ofMillis(pollMillis))
              .debounce(debounce)
              .build()) {
        for (int i = 1; i <= reloads; i++) {
          Path tmp = dir.resolve(".active.json.tmp");
          Files.write(tmp, document(i));
          String expected = "v" + i;
          long start = System.nanoTime();
          Files.move(tmp, active, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          long deadline = start + Duration.ofSeconds(30).toNanos();
          while (!loader.currentVersion().equals(Optional.of(expected))) {
            if (System.nanoTime() > deadline) {
              throw new IllegalStateException("reload " + i + " not seen in 30 s: " + loader.status());
            }
            LockSupport.parkNanos(20_000);
          }
          millis[i - 1] = (System.nanoTime() - start) / 1e6;
        }
      }
      Arrays.sort(millis);
      System.out.printf(
          Locale.ROOT,
          "mode=%s reloads=%d poll=%d ms debounce=%d ms  p50=%.2f ms  p90=%.2f ms  p99=%.2f ms  max=%.2f ms  (%s)%n",
          mode,
          reloads,
          pollMillis,
          debounce.toMillis(),
          percentile(millis, 0.50),
          percentile(millis, 0.90),
          percentile(millis, 0.99),
          millis[millis.length - 1],
          BenchIsotonic.describe());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static byte[] document(int version) {
    CalibrationConfig c =
        new CalibrationConfig(
            1,
            "v" + version,
            Optional.empty(),
            Optional.empty(),
            Map.of(
                "sell_p60",
                new TargetCalibrators(
                    Optional.of(new CalibratorSpec("isotonic", BenchIsotonic.params(1000, 0.1))),
                    List.of())),
            Map.of("CONDITION_PRICE_FACTOR", Map.of("new", 1.0 - version * 1e-6)),
            Map.of(),
            Map.of(),
            Optional.empty());
    return c.toJson();
  }
}
