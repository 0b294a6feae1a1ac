package dev.calibration.bench;

import dev.calibration.core.propose.WeightAdjuster;
import dev.calibration.core.propose.WeightAdjustment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long one exact weight projection takes, against the part every adjustment needs anyway
 * (inverse-loss targets): is the bisection worth worrying about?
 *
 * <p>Run: {@code mvn -o -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true &&
 * java -jar benchmarks/target/benchmarks.jar WeightAdjustBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WeightAdjustBenchmark {
  /** Ensemble size; bounds are [0, 1] with a 10% change limit, so every size is feasible. */
  @Param({"4", "32"})
  public int members;

  private Map<String, Double> current;
  private Map<String, Double> losses;
  private WeightAdjuster adjuster;

  /** Random current weights (normalised) and losses, fixed seed. */
  @Setup
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(42);
    double[] w = new double[members];
    double sum = 0;
    for (int i = 0; i < members; i++) {
      w[i] = 0.5 + rnd.nextDouble();
      sum += w[i];
    }
    current = new LinkedHashMap<>();
    losses = new LinkedHashMap<>();
    for (int i = 0; i < members; i++) {
      current.put("m" + i, w[i] / sum);
      losses.put("m" + i, 0.1 + 0.2 * rnd.nextDouble());
    }
    adjuster = WeightAdjuster.builder().bounds(0, 1).maxRelativeChange(0.10).build();
  }

  /** Baseline: the inverse-loss targets alone, over the same maps. */
  @Benchmark
  public double baseline() {
    double inv = 0;
    for (double l : losses.values()) {
      inv += 1 / l;
    }
    double acc = 0;
    for (Map.Entry<String, Double> e : losses.entrySet()) {
      acc += (1 / e.getValue()) / inv * current.get(e.getKey());
    }
    return acc;
  }

  /** The full adjustment: targets, bounds, exact projection, reasons. */
  @Benchmark
  public WeightAdjustment adjust() {
    return adjuster.adjust("main", current, losses, "Brier");
  }
}
