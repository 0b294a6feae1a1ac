package dev.calibration.bench;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.Calibrator;
import dev.calibration.core.calibrate.BetaMethod;
import dev.calibration.core.calibrate.PlattMethod;
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
 * How long do Platt and beta fits take on a million points? The scores are over-confident
 * probabilities (truth {@code sigmoid(logit(s) / 2)}). {@code baseline} is one pass of the work a
 * Newton iteration needs per point (an exp and a log, accumulated), so a fit's cost reads as a
 * number of passes.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PlattFitBenchmark -f 1 -wi 3 -i 5}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class PlattFitBenchmark {
  @Param({"1000000"})
  int n;

  private final PlattMethod platt = new PlattMethod();
  private final PlattMethod plattLogit = PlattMethod.withInput(PlattMethod.Input.LOGIT);
  private final BetaMethod beta = new BetaMethod();
  private CalibrationData data;
  private double[] scores;
  private double[] labels;

  /** Over-confident probability scores with Bernoulli labels. */
  @Setup(Level.Trial)
  public void data() {
    SplittableRandom r = new SplittableRandom(20261123L);
    scores = new double[n];
    labels = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0.001 + 0.998 * r.nextDouble();
      double z = Math.log(s / (1 - s)) / 2;
      scores[i] = s;
      labels[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    data = CalibrationData.of(scores, labels);
  }

  /** One pass: the log loss of the scores as they are (an exp and a log per point). */
  @Benchmark
  public double baseline() {
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double z = 1.5 * scores[i] - 0.7;
      double e = Math.exp(-Math.abs(z));
      loss += Math.max(z, 0) + Math.log(1 + e) - labels[i] * z;
    }
    return loss;
  }

  /** Platt scaling on the raw scores (scikit-learn's sigmoid calibration). */
  @Benchmark
  public Calibrator platt() {
    return platt.fit(data);
  }

  /** Platt scaling on the logits of the scores. */
  @Benchmark
  public Calibrator plattLogit() {
    return plattLogit.fit(data);
  }

  /** Beta calibration. */
  @Benchmark
  public Calibrator beta() {
    return beta.fit(data);
  }
}
