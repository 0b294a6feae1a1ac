package dev.calibration.bench;

import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.Calibrator;
import dev.calibration.api.SegmentKey;
import dev.calibration.core.config.CalibrationConfig;
import dev.calibration.core.config.CalibratorSpec;
import dev.calibration.core.config.MethodResolver;
import dev.calibration.core.config.SegmentRule;
import dev.calibration.core.config.TargetCalibrators;
import dev.calibration.loader.CalibrationLoader;
import dev.calibration.loader.ConfigSources;
import dev.calibration.loader.ManualScheduler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one {@code loader.current().calibrate(target, key, x)} costs on the host's hot path, with
 * an isotonic map of 1,000 thresholds and segment rules at 3 levels ({@code condition}, {@code
 * condition+region}, {@code condition+region+channel}), the key matching the most specific one.
 *
 * <p>Rival: the design most hand-written loaders use, a {@link ReentrantReadWriteLock}-guarded
 * map from target to a map keyed by the segment's attribute map, with fallback by building the
 * less specific maps. {@code baseline} is the cost of reading the input; {@code isotonicOnly} is
 * the calibrator alone, so {@code snapshot - isotonicOnly} is what the loader adds. The {@code 2T}
 * variants run on two threads: scaling is {@code 2 * t(1T) / t(2T)}.
 *
 * <p>Run: {@code mvn -o -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
 * && java -jar benchmarks/target/benchmarks.jar SnapshotLookupBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class SnapshotLookupBenchmark {

  private static final String TARGET = "sell_p60";
  private static final int THRESHOLDS = 1000;

  private CalibrationLoader loader;
  private SegmentKey key;
  private Calibrator mostSpecific;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private Map<String, Map<Map<String, String>, Calibrator>> guarded;
  private Map<String, Calibrator> guardedDefaults;
  private Map<String, String> segment;

  /** Per-thread inputs, so the compiler cannot fold the calls away. */
  @State(Scope.Thread)
  public static class Inputs {
    final double[] xs = new double[1024];
    int i;

    /** Fills the inputs with uniform scores. */
    @Setup
    public void fill() {
      SplittableRandom r = new SplittableRandom(42);
      for (int j = 0; j < xs.length; j++) {
        xs[j] = r.nextDouble();
      }
    }

    double next() {
      i = (i + 1) & 1023;
      return xs[i];
    }
  }

  /** Builds the config, the loader and the rival map. */
  @Setup(Level.Trial)
  public void setUp() {
    System.err.println("# " + BenchIsotonic.describe());
    MethodResolver methods = BenchIsotonic.resolver();
    Map<String, String> l1 = Map.of("condition", "new");
    Map<String, String> l2 = Map.of("condition", "new", "region", "eu");
    Map<String, String> l3 = Map.of("condition", "new", "region", "eu", "channel", "web");
    CalibratorSpec def = new CalibratorSpec("isotonic", BenchIsotonic.params(THRESHOLDS, 0.1));
    CalibratorSpec s1 = new CalibratorSpec("isotonic", BenchIsotonic.params(THRESHOLDS, 0.2));
    CalibratorSpec s2 = new CalibratorSpec("isotonic", BenchIsotonic.params(THRESHOLDS, 0.3));
    CalibratorSpec s3 = new CalibratorSpec("isotonic", BenchIsotonic.params(THRESHOLDS, 0.4));
    CalibrationConfig config =
        new CalibrationConfig(
            1,
            "bench-1",
            Optional.empty(),
            Optional.empty(),
            Map.of(
                TARGET,
                new TargetCalibrators(
                    Optional.of(def),
                    List.of(
                        new SegmentRule(l1, s1), new SegmentRule(l2, s2), new SegmentRule(l3, s3)))),
            Map.of(),
            Map.of(),
            Map.of(),
            Optional.empty());
    loader =
        CalibrationLoader.builder()
            .source(ConfigSources.memory(config.toJson()))
            .methods(methods)
            .scheduler(new ManualScheduler())
            .build();
    if (!loader.currentVersion().equals(Optional.of("bench-1"))) {
      throw new IllegalStateException("the benchmark config did not load: " + loader.status());
    }
    segment = Map.of("condition", "new", "region", "eu", "channel", "web", "tier", "gold");
    key = SegmentKey.of(segment);
    CalibrationSnapshot s = loader.current();
    mostSpecific = s.calibrator(TARGET, key);

    guarded = new HashMap<>();
    Map<Map<String, String>, Calibrator> bySegment = new HashMap<>();
    bySegment.put(l1, restore(methods, s1));
    bySegment.put(l2, restore(methods, s2));
    bySegment.put(l3, restore(methods, s3));
    guarded.put(TARGET, bySegment);
    guardedDefaults = new HashMap<>();
    guardedDefaults.put(TARGET, restore(methods, def));
    // The rival and the snapshot must agree, or the comparison means nothing.
    for (double x = 0; x <= 1; x += 0.125) {
      if (rival(TARGET, segment, x) != s.calibrate(TARGET, key, x)) {
        throw new IllegalStateException("rival and snapshot disagree at " + x);
      }
    }
  }

  private static Calibrator restore(MethodResolver methods, CalibratorSpec spec) {
    return methods.resolve(spec.method()).orElseThrow().restore(spec.parameters());
  }

  /** Closes the loader. */
  @TearDown(Level.Trial)
  public void tearDown() {
    loader.close();
  }

  /** The rival's read path: lock, look up by the segment map, fall back by dropping attributes. */
  private double rival(String target, Map<String, String> seg, double x) {
    ReentrantReadWriteLock.ReadLock r = lock.readLock();
    r.lock();
    try {
      Map<Map<String, String>, Calibrator> bySegment = guarded.get(target);
      if (bySegment == null) {
        return x;
      }
      Calibrator c = bySegment.get(seg);
      if (c == null) {
        c = bySegment.get(Map.of("condition", seg.get("condition"), "region", seg.get("region"), "channel", seg.get("channel")));
      }
      if (c == null) {
        c = guardedDefaults.get(target);
      }
      return c.apply(x);
    } finally {
      r.unlock();
    }
  }

  /** Reading the input alone. */
  @Benchmark
  public double baseline(Inputs in) {
    return in.next();
  }

  /** The isotonic calibrator alone, no lookup. */
  @Benchmark
  public double isotonicOnly(Inputs in) {
    return mostSpecific.apply(in.next());
  }

  /** The loader's hot path: one volatile read, a target look-up, a memoized segment, apply. */
  @Benchmark
  public double snapshot(Inputs in) {
    return loader.current().calibrate(TARGET, key, in.next());
  }

  /** The rival on one thread. */
  @Benchmark
  public double rwLockMap(Inputs in) {
    return rival(TARGET, segment, in.next());
  }

  /** The loader's hot path on two threads. */
  @Benchmark
  @Threads(2)
  public double snapshot2T(Inputs in) {
    return loader.current().calibrate(TARGET, key, in.next());
  }

  /** The rival on two threads. */
  @Benchmark
  @Threads(2)
  public double rwLockMap2T(Inputs in) {
    return rival(TARGET, segment, in.next());
  }
}
