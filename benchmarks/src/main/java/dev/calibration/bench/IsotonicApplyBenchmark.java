package dev.calibration.bench;

import dev.calibration.api.Calibrator;
import dev.calibration.isotonic.IsotonicMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does one {@code apply} take on an isotonic calibrator with 1,000 thresholds? Each call
 * takes the next of 4,096 random scores in [-0.05, 1.05] (so some are clipped). {@code baseline}
 * only reads the score (the harness cost); {@code binarySearch} is the naive rival: {@link
 * Arrays#binarySearch(double[], double)} then the same interpolation.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IsotonicApplyBenchmark -f 1 -wi 3 -i 5
 * -prof gc}, and with {@code -t 2} for two threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IsotonicApplyBenchmark {
  static final int THRESHOLDS = 1_000;
  private static final int INPUTS = 4_096;

  /** The calibrator and the rival's arrays, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    Calibrator calibrator;
    double[] x;
    double[] y;

    /** 1,000 distinct sorted thresholds in [0, 1) with increasing values. */
    @Setup(Level.Trial)
    public void fit() {
      SplittableRandom r = new SplittableRandom(7);
      x = r.doubles(THRESHOLDS * 2L).distinct().limit(THRESHOLDS).sorted().toArray();
      y = new double[THRESHOLDS];
      double sum = 0;
      for (int i = 0; i < THRESHOLDS; i++) {
        sum += r.nextDouble();
        y[i] = sum;
      }
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < THRESHOLDS; i++) {
        xs.add(x[i]);
        ys.add(y[i] / sum);
        y[i] /= sum;
      }
      calibrator = new IsotonicMethod().restore(Map.of("x", xs, "y", ys));
    }
  }

  /** Each thread's own cursor over its own inputs. */
  @State(Scope.Thread)
  public static class Inputs {
    double[] scores;
    int next;

    /** 4,096 scores in [-0.05, 1.05]. */
    @Setup(Level.Trial)
    public void make() {
      SplittableRandom r = new SplittableRandom(Thread.currentThread().getId());
      scores = new double[INPUTS];
      for (int i = 0; i < INPUTS; i++) {
        scores[i] = -0.05 + 1.1 * r.nextDouble();
      }
    }

    double nextScore() {
      return scores[next++ & (INPUTS - 1)];
    }
  }

  /** The harness cost: read the next score. */
  @Benchmark
  public double baseline(Inputs in) {
    return in.nextScore();
  }

  /** The calibrator's apply. */
  @Benchmark
  public double apply(Shared s, Inputs in) {
    return s.calibrator.apply(in.nextScore());
  }

  /** The naive rival: clip, binary search, interpolate. */
  @Benchmark
  public double binarySearch(Shared s, Inputs in) {
    double[] x = s.x;
    double[] y = s.y;
    double v = Math.min(x[x.length - 1], Math.max(x[0], in.nextScore()));
    int j = Arrays.binarySearch(x, v);
    if (j >= 0) {
      return y[j];
    }
    j = -j - 2;
    return y[j] + (y[j + 1] - y[j]) / (x[j + 1] - x[j]) * (v - x[j]);
  }
}
