package dev.calibration.bench;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import dev.calibration.isotonic.IsotonicMethod;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Is isotonic fitting faster than sorting? {@code fit} fits {@code "isotonic"} on n random scores
 * with Bernoulli labels; {@code baseline} is {@link Arrays#sort(double[])} of the same n scores
 * (a fresh copy each invocation, copied outside the timing), the comparison-sort floor the fit must
 * stay within 1.5 times of.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IsotonicFitBenchmark -f 1 -wi 3 -i 5}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class IsotonicFitBenchmark {
  @Param({"1000000", "10000000"})
  int n;

  private final CalibrationMethod method = new IsotonicMethod();
  private CalibrationData data;
  private double[] scores;
  private double[] work;

  /** Random scores in [0, 1), each labelled 1 with probability equal to the score. */
  @Setup(Level.Trial)
  public void data() {
    SplittableRandom r = new SplittableRandom(20261123L);
    scores = new double[n];
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = r.nextDouble();
      labels[i] = r.nextDouble() < scores[i] ? 1 : 0;
    }
    data = CalibrationData.of(scores, labels);
    work = new double[n];
  }

  /** A fresh unsorted copy for the baseline. */
  @Setup(Level.Invocation)
  public void copy() {
    System.arraycopy(scores, 0, work, 0, n);
  }

  /** The floor: a comparison sort of the n scores. */
  @Benchmark
  public double baseline() {
    Arrays.sort(work);
    return work[n / 2];
  }

  /** Fitting isotonic regression on the n points. */
  @Benchmark
  public Calibrator fit() {
    return method.fit(data);
  }
}
