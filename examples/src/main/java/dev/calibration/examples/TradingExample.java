package dev.calibration.examples;

import dev.calibration.core.log.InMemoryPredictionLogger;
import dev.calibration.loader.CalibrationLoader;
import dev.calibration.loader.ConfigSources;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A trading host that keeps deciding while its config changes under it: one thread trades in a
 * loop; the main thread replaces the config file three times (as {@code calibration activate}
 * would, by atomic rename); a hot-reloading {@link CalibrationLoader} picks each up. Every decision
 * is made with exactly one config version.
 *
 * <p>Run: {@code java -cp ... dev.calibration.examples.TradingExample [dir]}.
 */
public final class TradingExample {
  private TradingExample() {}

  /** What the run saw. */
  public record Summary(long decisions, Set<String> versions, long errors) {}

  /** Runs in {@code args[0]} (default: a temporary directory). */
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("trading-example");
    Summary s = run(dir, System.out);
    System.out.println(s);
  }

  /** The example: returns how many decisions were made and with which versions. */
  public static Summary run(Path dir, PrintStream out) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path active = dir.resolve("active.json");
    write(active, config("v1", 0.30, 0.30, 0.20, 0.20, 1.0));
    InMemoryPredictionLogger logger = new InMemoryPredictionLogger();
    Set<String> versions = ConcurrentHashMap.newKeySet();
    AtomicLong decisions = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    try (CalibrationLoader loader =
        CalibrationLoader.builder()
            .source(ConfigSources.file(active))
            .pollInterval(Duration.ofMillis(100))
            .onChange((before, after) -> out.println("loaded " + after.version().orElse("?")))
            .build()) {
      TradingEngine engine = new TradingEngine(loader::current, logger, Clock.systemUTC(), 0.6);
      Thread trader =
          new Thread(
              () -> {
                SplittableRandom random = new SplittableRandom(7);
                while (!stop.get()) {
                  Map<String, Double> members = new LinkedHashMap<>();
                  for (String m : new String[] {"xgb", "lgbm", "nhits", "patchtst"}) {
                    members.put(m, 0.2 + 0.6 * random.nextDouble());
                  }
                  try {
                    TradingEngine.Decision d =
                        engine.decide("T" + decisions.incrementAndGet(), "fx", members);
                    d.version().ifPresent(versions::add);
                  } catch (RuntimeException e) {
                    errors.incrementAndGet();
                  }
                }
              },
              "trader");
      trader.start();
      String[] next = {"v2", "v3", "v4"};
      double[][] weights = {{0.28, 0.32, 0.20, 0.20}, {0.27, 0.33, 0.19, 0.21}, {0.25, 0.35, 0.18, 0.22}};
      for (int i = 0; i < next.length; i++) {
        Thread.sleep(150);
        write(active, config(next[i], weights[i][0], weights[i][1], weights[i][2], weights[i][3], 1.0 - 0.1 * (i + 1)));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!loader.currentVersion().equals(Optional.of(next[i])) && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
      }
      Thread.sleep(100);
      stop.set(true);
      trader.join();
    }
    return new Summary(decisions.get(), Set.copyOf(versions), errors.get());
  }

  /** A config with ensemble weights and a temperature calibrator for {@code win_p}. */
  static String config(String version, double xgb, double lgbm, double nhits, double patchtst,
      double temperature) {
    return String.format(
        java.util.Locale.ROOT,
        "{\"schema\":1,\"version\":\"%s\",\"calibrators\":{\"win_p\":{\"default\":"
            + "{\"method\":\"temperature\",\"t\":%s}}},"
            + "\"weights\":{\"main\":{\"xgb\":%s,\"lgbm\":%s,\"nhits\":%s,\"patchtst\":%s}}}",
        version, temperature, xgb, lgbm, nhits, patchtst);
  }

  /** Replaces {@code target} atomically, as the registry does. */
  static void write(Path target, String content) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
