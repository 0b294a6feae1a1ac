package dev.calibration.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.calibration.api.Prediction;
import dev.calibration.core.internal.json.PredictionEncoder;
import dev.calibration.core.log.Durability;
import dev.calibration.core.log.JsonlPredictionLogger;
import dev.calibration.core.log.LoggerStats;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * How many typical records per second can the host log to a {@link JsonlPredictionLogger}, and how
 * close is that to the floor of serializing the record with Jackson and writing the bytes?
 *
 * <p>The record is the typical one: about 330 bytes as a line, two values, one segment
 * key, two ensemble members, a small nested context. Records cycle through a ring of 4096
 * pre-built predictions (building them is the host's cost, not the logger's), so the loggers run
 * with duplicates allowed; {@link #dedupOnly} measures what the dedup cache adds per record.
 *
 * <ul>
 *   <li>{@link #baseline}: the raw floor, Jackson {@code writeValueAsBytes} of the same record as a
 *       map, plus the bytes written through a 64 KiB buffered stream to a file; one thread.
 *   <li>{@link #bufferedOneThread}, {@link #bufferedFourThreads}: {@code log()} in {@link
 *       Durability#BUFFERED} mode; goals 1,000,000/s and 1,500,000/s in total.
 *   <li>{@link #syncFourThreads}: {@link Durability#SYNC}, each batch fsynced, 4 threads; goal
 *       100,000/s in total thanks to group commit.
 *   <li>{@link #encodeOnly}: the caller-thread part of {@code log()}: encoding into the per-thread
 *       buffer.
 * </ul>
 *
 * <p>A logger's teardown prints its stats; a run only counts if {@code dropped=0}. Run with:
 *
 * <pre>
 * mvn -o -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
 * java -jar benchmarks/target/benchmarks.jar JsonlAppendBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonlAppendBenchmark {
  static final int RING = 4096;

  static Prediction typical(int i) {
    return Prediction.builder("SKU" + (100_000 + i), Instant.parse("2026-11-23T10:15:00.123Z").plusMillis(i))
        .model("pricer")
        .modelVersion("2.1.0")
        .calibrationVersion("cal-0007")
        .segment("condition", i % 2 == 0 ? "used_good" : "new")
        .value("price", 45.0 + (i % 100) * 0.25)
        .value("sell_p60", 0.5 + (i % 50) * 0.0071)
        .members("sell_p60", Map.of("xgb", 0.71, "lgbm", 0.78))
        .context("lot_id", "LOT" + (i % 1000))
        .context("opt_source", "run_optimize")
        .context("opt_params", Map.of("sims", 100L))
        .build();
  }

  /** The same record as a plain map, as a host would hand it to Jackson. */
  static Map<String, Object> asMap(Prediction p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", 1);
    m.put("id", p.id());
    m.put("ts", p.timestamp().toString());
    m.put("model", p.model().orElseThrow());
    m.put("model_version", p.modelVersion().orElseThrow());
    m.put("calibration_version", p.calibrationVersion().orElseThrow());
    m.put("segment", p.segment());
    m.put("values", p.values());
    m.put("members", p.members());
    m.put("context", p.context());
    return m;
  }

  /** Each thread walks the ring from its own start. */
  @State(Scope.Thread)
  public static class Cursor {
    Prediction[] ring;
    int i;

    /** Builds the ring. */
    @Setup(Level.Trial)
    public void setUp() {
      ring = new Prediction[RING];
      for (int k = 0; k < RING; k++) {
        ring[k] = typical(k);
      }
      i = (int) (Thread.currentThread().getId() * 997) & (RING - 1);
    }

    Prediction next() {
      return ring[i++ & (RING - 1)];
    }
  }

  /** A logger in a fresh temporary directory, deleted afterwards. */
  public abstract static class LogState {
    Path dir;
    JsonlPredictionLogger log;

    abstract Durability durability();

    /** Opens the logger. */
    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("jsonl-bench");
      log =
          JsonlPredictionLogger.builder(dir.resolve("p.jsonl"))
              .durability(durability())
              .allowDuplicates()
              .build();
    }

    /** Closes the logger, prints its stats and deletes the files. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
      log.close();
      LoggerStats s = log.stats();
      long bytes = s.bytesWritten();
      System.out.printf(
          Locale.ROOT,
          "%n[%s] written=%d dropped=%d faults=%d bytes=%d avgLine=%.1f%n",
          durability(),
          s.written(),
          s.dropped(),
          s.faults(),
          bytes,
          s.written() == 0 ? 0.0 : (double) bytes / s.written());
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  /** A {@link Durability#BUFFERED} logger shared by the benchmark's threads. */
  @State(Scope.Benchmark)
  public static class BufferedLog extends LogState {
    @Override
    Durability durability() {
      return Durability.BUFFERED;
    }
  }

  /** A {@link Durability#SYNC} logger shared by the benchmark's threads. */
  @State(Scope.Benchmark)
  public static class SyncLog extends LogState {
    @Override
    Durability durability() {
      return Durability.SYNC;
    }
  }

  /** The floor: Jackson and a buffered file stream, per thread. */
  @State(Scope.Thread)
  public static class Floor {
    final ObjectMapper jackson = new ObjectMapper();
    Map<String, Object>[] maps;
    int i;
    Path file;
    OutputStream out;

    /** Builds the maps and opens the file. */
    @Setup(Level.Trial)
    @SuppressWarnings("unchecked") // generic array creation for the ring of maps
    public void setUp() throws IOException {
      maps = new Map[RING];
      for (int k = 0; k < RING; k++) {
        maps[k] = asMap(typical(k));
      }
      file = Files.createTempFile("jsonl-floor", ".jsonl");
      out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    }

    /** Closes and deletes the file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      out.close();
      System.out.printf(Locale.ROOT, "%n[floor] bytes=%d%n", Files.size(file));
      Files.delete(file);
    }
  }

  /** The per-thread encoder, as the logger keeps it. */
  @State(Scope.Thread)
  public static class Encoder {
    final PredictionEncoder encoder = new PredictionEncoder();
  }

  /** A dedup cache like the logger's default (100,000 ids) and a ring of a million distinct ids. */
  @State(Scope.Benchmark)
  public static class Dedup {
    Cache<String, Boolean> cache;
    String[] ids;

    /** Builds the cache and the ids. */
    @Setup(Level.Trial)
    public void setUp() {
      cache = Caffeine.newBuilder().maximumSize(100_000).executor(Runnable::run).build();
      ids = new String[1 << 20];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = "SKU" + k;
      }
    }
  }

  /** The raw floor: Jackson to a byte array, then the bytes written. */
  @Benchmark
  @Threads(1)
  public void baseline(Floor f) throws IOException {
    byte[] line = f.jackson.writeValueAsBytes(f.maps[f.i++ & (RING - 1)]);
    f.out.write(line);
    f.out.write('\n');
  }

  /** {@code log()} in BUFFERED mode from one thread. */
  @Benchmark
  @Threads(1)
  public void bufferedOneThread(BufferedLog s, Cursor c) {
    s.log.log(c.next());
  }

  /** {@code log()} in BUFFERED mode from four threads. */
  @Benchmark
  @Threads(4)
  public void bufferedFourThreads(BufferedLog s, Cursor c) {
    s.log.log(c.next());
  }

  /** {@code log()} in SYNC mode from four threads. */
  @Benchmark
  @Threads(4)
  public void syncFourThreads(SyncLog s, Cursor c) {
    s.log.log(c.next());
  }

  /** Only the encoding that {@code log()} does on the caller's thread. */
  @Benchmark
  @Threads(1)
  public int encodeOnly(Encoder e, Cursor c) {
    return e.encoder.encode(c.next()).length();
  }

  /** Only the dedup check that {@code log()} adds by default, with ids that never repeat. */
  @Benchmark
  @Threads(1)
  public Boolean dedupOnly(Dedup d, Cursor c) {
    return d.cache.asMap().putIfAbsent(d.ids[c.i++ & (d.ids.length - 1)], Boolean.TRUE);
  }
}
