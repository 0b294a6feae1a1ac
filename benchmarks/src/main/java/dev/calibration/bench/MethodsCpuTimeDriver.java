package dev.calibration.bench;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.core.calibrate.BetaMethod;
import dev.calibration.core.calibrate.PlattMethod;
import dev.calibration.isotonic.IsotonicMethod;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A companion to the JMH fit benchmarks for a crowded machine: it reports the fitting thread's CPU
 * time (not wall time), so time spent waiting for a core while other processes run is left out.
 * Cache and memory-bandwidth contention are still in the figures. Same data as {@link
 * IsotonicFitBenchmark} and {@link PlattFitBenchmark}; each figure is the median of 9 runs after 5
 * warm-up runs.
 *
 * <p>Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar
 * dev.calibration.bench.MethodsCpuTimeDriver}
 */
public final class MethodsCpuTimeDriver {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private MethodsCpuTimeDriver() {}

  /** Prints one line per measured operation. */
  public static void main(String[] args) {
    for (int n : new int[] {1_000_000, 10_000_000}) {
      SplittableRandom r = new SplittableRandom(20261123L);
      double[] scores = new double[n];
      double[] labels = new double[n];
      for (int i = 0; i < n; i++) {
        scores[i] = r.nextDouble();
        labels[i] = r.nextDouble() < scores[i] ? 1 : 0;
      }
      CalibrationData data = CalibrationData.of(scores, labels);
      int reps = n > 1_000_000 ? 5 : 9;
      report("Arrays.sort", n, measure(reps, () -> Arrays.sort(scores.clone())));
      CalibrationMethod isotonic = new IsotonicMethod();
      report("isotonic fit", n, measure(reps, () -> isotonic.fit(data)));
      if (n == 1_000_000) {
        double[] p = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
          double s = 0.001 + 0.998 * r.nextDouble();
          double z = Math.log(s / (1 - s)) / 2;
          p[i] = s;
          y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        CalibrationData probs = CalibrationData.of(p, y);
        CalibrationMethod platt = new PlattMethod();
        CalibrationMethod beta = new BetaMethod();
        report("platt fit", n, measure(reps, () -> platt.fit(probs)));
        report("beta fit", n, measure(reps, () -> beta.fit(probs)));
      }
    }
  }

  private static double measure(int reps, Runnable op) {
    for (int i = 0; i < 5; i++) {
      op.run();
    }
    double[] ms = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      op.run();
      ms[i] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms[reps / 2];
  }

  private static void report(String what, int n, double ms) {
    System.out.println(String.format(Locale.ROOT, "%-14s n=%,d  %.1f ms CPU (median)", what, n, ms));
  }
}
