package dev.calibration.core.run;

import dev.calibration.api.OutcomeSource;
import dev.calibration.api.PredictionSource;
import dev.calibration.core.internal.run.FastPath;
import dev.calibration.core.internal.run.GenericPath;
import dev.calibration.core.internal.run.JoinOutput;
import dev.calibration.core.internal.run.JoinStore;
import dev.calibration.core.internal.run.RunSpec;
import dev.calibration.core.metrics.Metrics;
import dev.calibration.core.outcome.CsvOutcomeSource;
import dev.calibration.core.outcome.JsonlOutcomeSource;
import dev.calibration.core.outcome.OutcomeMapping;
import dev.calibration.core.outcome.OutcomeReadPolicy;
import dev.calibration.core.outcome.OutcomeReadStats;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * One calibration run: reads predictions and outcomes, joins them by id, and measures every metric
 * of every target overall, per segment, per model version and per calibration version.
 *
 * <pre>{@code
 * RunResult r = CalibrationRun.builder()
 *     .predictionFiles(Path.of("predictions.jsonl"))
 *     .outcomeFiles(OutcomeMapping.defaults(), Path.of("outcomes.csv"))
 *     .target("sell_p60=sold_60d")
 *     .target("price=realized_price")
 *     .segmentBy("condition")
 *     .build()
 *     .execute();
 * }</pre>
 *
 * <p>Two ways in, same results. Prediction logs given as files ({@link
 * Builder#predictionFiles}) in the standard JSONL format and CSV outcome files ({@link
 * Builder#outcomeFiles}) take the fast path: large blocks parsed on all threads straight into
 * primitive columns, with no object per record. Any {@link PredictionSource} or {@link
 * OutcomeSource} (mapped logs, databases, in-memory test data) takes the generic path, record by
 * record. Inputs are read in the order they were added.
 *
 * <p>A run is immutable and can be executed more than once; each execution reads its sources
 * again. Executions are independent and may run concurrently.
 */
public final class CalibrationRun {
  private final List<Object> predictionInputs;
  private final List<Object> outcomeInputs;
  private final List<TargetMapping> targets;
  private final List<String> segmentBy;
  private final int bins;
  private final OutcomeReadPolicy policy;
  private final int threads;
  private final boolean keepJoined;
  private final Clock clock;
  private final @Nullable RunProgress progress;

  private CalibrationRun(Builder b) {
    this.predictionInputs = List.copyOf(b.predictionInputs);
    this.outcomeInputs = List.copyOf(b.outcomeInputs);
    this.targets = List.copyOf(b.targets.values());
    this.segmentBy = List.copyOf(b.segmentBy);
    this.bins = b.bins;
    this.policy = b.policy;
    this.threads = b.threads;
    this.keepJoined = b.keepJoined;
    this.clock = b.clock;
    this.progress = b.progress;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Reads, joins and measures. */
  public RunResult execute() {
    RunSpec spec = spec();
    JoinStore store = new JoinStore(spec, expectedPredictions());
    ExecutorService pool = Executors.newFixedThreadPool(threads, CalibrationRun::daemon);
    Map<String, Long> stages = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    Ticker ticker = progress == null ? null : new Ticker(progress);
    store.readListener(ticker);
    try {
      stage(ticker, "predictions");
      for (Object in : predictionInputs) {
        if (in instanceof PredictionFiles) {
          for (Path f : ((PredictionFiles) in).files) {
            FastPath.predictions(store, f, pool, threads);
          }
        } else {
          PredictionSource s = (PredictionSource) in;
          GenericPath.predictions(store, s, s.getClass().getSimpleName());
        }
      }
      long t1 = System.nanoTime();
      stages.put("predictions", (t1 - t0) / 1_000_000);
      stage(ticker, "outcomes");
      for (Object in : outcomeInputs) {
        if (in instanceof OutcomeFiles) {
          OutcomeFiles of = (OutcomeFiles) in;
          for (Path f : of.files) {
            if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
              JsonlOutcomeSource js =
                  JsonlOutcomeSource.builder(f).mapping(of.mapping).policy(policy).build();
              GenericPath.outcomes(store, js, f.toString());
              countReader(store, js.stats());
            } else {
              FastPath.outcomes(store, f, of.mapping, pool, threads);
            }
          }
        } else {
          OutcomeSource s = (OutcomeSource) in;
          GenericPath.outcomes(store, s, s.getClass().getSimpleName());
          if (s instanceof CsvOutcomeSource) {
            countReader(store, ((CsvOutcomeSource) s).stats());
          } else if (s instanceof JsonlOutcomeSource) {
            countReader(store, ((JsonlOutcomeSource) s).stats());
          }
        }
      }
      long t2 = System.nanoTime();
      stages.put("outcomes", (t2 - t1) / 1_000_000);
      stage(ticker, "join");
      JoinOutput out = store.finish();
      long t3 = System.nanoTime();
      stages.put("join", (t3 - t2) / 1_000_000);
      stage(ticker, "metrics");
      return result(out, pool, stages, t3);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A sizing hint for the id table, so it rarely rehashes: log bytes / 400 (a standard log line is
   * 150 to 400 bytes), at least 65,536. The table still grows if the hint is low.
   */
  private long expectedPredictionsBytes() {
    long bytes = 0;
    for (Object in : predictionInputs) {
      if (in instanceof PredictionFiles) {
        for (Path f : ((PredictionFiles) in).files) {
          try {
            bytes += java.nio.file.Files.size(f);
          } catch (java.io.IOException e) {
            // unreadable: the fast path reports it with the file name when it opens the file
          }
        }
      }
    }
    return bytes;
  }

  private int expectedPredictions() {
    return (int) Math.max(1 << 16, Math.min(1 << 27, expectedPredictionsBytes() / 400));
  }

  /** Ends the ticker's current stage (reporting its last count) and starts the next one. */
  private static void stage(@Nullable Ticker ticker, String name) {
    if (ticker != null) {
      ticker.stage(name);
    }
  }

  /**
   * Thins the store's per-batch counts (one per 448 KiB block or 16,384 records) to a call of the
   * listener at most every 65,536 records or 100 ms, and always reports a reading stage's last
   * count when the stage ends.
   *
   * <p>Concurrency: confined to the thread running {@link CalibrationRun#execute()}: the store
   * calls it from its merge, which runs on that thread.
   */
  private static final class Ticker implements java.util.function.LongConsumer {
    private static final long RECORDS = 1 << 16;
    private static final long NANOS = 100_000_000L;

    private final RunProgress listener;
    private boolean reading;
    private long last;
    private long reported;
    private long reportedAt;

    Ticker(RunProgress listener) {
      this.listener = listener;
    }

    void stage(String name) {
      if (reading && last > reported) {
        listener.records(last);
      }
      reading = name.equals("predictions") || name.equals("outcomes");
      last = 0;
      reported = 0;
      reportedAt = System.nanoTime();
      listener.stage(name);
    }

    @Override
    public void accept(long read) {
      last = read;
      long now = System.nanoTime();
      if (read > reported && (read - reported >= RECORDS || now - reportedAt >= NANOS)) {
        reported = read;
        reportedAt = now;
        listener.records(read);
      }
    }
  }

  private static void countReader(JoinStore store, OutcomeReadStats stats) {
    GenericPath.outcomeReaderCounts(store, stats.skipped(), stats.nonNumeric(), stats.problems());
  }

  private RunResult result(
      JoinOutput out, ExecutorService pool, Map<String, Long> stages, long metricsStart) {
    Map<String, TargetCounts> counts = new LinkedHashMap<>();
    Map<String, TargetResult> results = new LinkedHashMap<>();
    Map<String, JoinedTarget> joined = new LinkedHashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      TargetMapping m = targets.get(i);
      JoinOutput.Target t = out.targets.get(i);
      TargetKind kind = t.probability ? TargetKind.PROBABILITY : TargetKind.VALUE;
      counts.put(
          m.target(),
          new TargetCounts(
              m.target(),
              t.predicted.length,
              t.missingPrediction,
              t.missingOrNonNumeric,
              t.outOfRange));
      results.put(
          m.target(), GroupMetrics.compute(m, kind, t, !segmentBy.isEmpty(), bins, pool));
      if (keepJoined) {
        joined.put(m.target(), new JoinedTarget(m.target(), kind, t));
      }
    }
    JoinCounts jc =
        new JoinCounts(
            out.predictionsRead,
            out.predictionsSkipped,
            out.predictionsTruncated,
            out.duplicatePredictions,
            out.outcomesRead,
            out.outcomesSkipped,
            out.outcomeNonNumeric,
            out.duplicateOutcomes,
            out.orphanOutcomes,
            out.pending,
            out.voided,
            out.pushed,
            out.settled,
            counts,
            out.problems);
    stages.put("metrics", (System.nanoTime() - metricsStart) / 1_000_000);
    return new RunResult(clock.instant(), segmentBy, bins, jc, results, joined, stages);
  }

  private RunSpec spec() {
    List<String> names = new ArrayList<>();
    List<String> observed = new ArrayList<>();
    List<@org.jspecify.annotations.Nullable String> stake = new ArrayList<>();
    List<@org.jspecify.annotations.Nullable String> payout = new ArrayList<>();
    List<@org.jspecify.annotations.Nullable String> closing = new ArrayList<>();
    int[] kinds = new int[targets.size()];
    for (int i = 0; i < targets.size(); i++) {
      TargetMapping m = targets.get(i);
      names.add(m.target());
      observed.add(m.outcomeColumn());
      stake.add(m.stakeColumn().orElse(null));
      payout.add(m.payoutColumn().orElse(null));
      closing.add(m.closingColumn().orElse(null));
      Optional<TargetKind> k = m.kind();
      kinds[i] = k.isEmpty() ? 0 : (k.get() == TargetKind.PROBABILITY ? 1 : 2);
    }
    return new RunSpec(
        names,
        observed,
        stake,
        payout,
        closing,
        kinds,
        segmentBy,
        policy == OutcomeReadPolicy.FAIL,
        threads);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "calibration-run");
    t.setDaemon(true);
    return t;
  }

  private static final class PredictionFiles {
    final List<Path> files;

    PredictionFiles(List<Path> files) {
      this.files = files;
    }
  }

  private static final class OutcomeFiles {
    final OutcomeMapping mapping;
    final List<Path> files;

    OutcomeFiles(OutcomeMapping mapping, List<Path> files) {
      this.mapping = mapping;
      this.files = files;
    }
  }

  /** Builds a {@link CalibrationRun}; each call checks its argument. Not thread-safe. */
  public static final class Builder {
    private final List<Object> predictionInputs = new ArrayList<>();
    private final List<Object> outcomeInputs = new ArrayList<>();
    private final Map<String, TargetMapping> targets = new LinkedHashMap<>();
    private final Set<String> segmentBy = new LinkedHashSet<>();
    private int bins = Metrics.DEFAULT_BINS;
    private OutcomeReadPolicy policy = OutcomeReadPolicy.FAIL;
    private int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private boolean keepJoined = true;
    private Clock clock = Clock.systemUTC();
    private @Nullable RunProgress progress;

    private Builder() {}

    /** Adds prediction sources, read record by record (the generic path). */
    public Builder predictions(PredictionSource... sources) {
      for (PredictionSource s : sources) {
        predictionInputs.add(Objects.requireNonNull(s, "prediction source must not be null"));
      }
      return this;
    }

    /**
     * Adds prediction log files in the standard JSONL format (the fast path). Logs written with a
     * field mapping must be read through a mapped {@link PredictionSource} instead.
     */
    public Builder predictionFiles(Path... files) {
      predictionInputs.add(new PredictionFiles(files("prediction", files)));
      return this;
    }

    /** Adds outcome sources, read record by record (the generic path). */
    public Builder outcomes(OutcomeSource... sources) {
      for (OutcomeSource s : sources) {
        outcomeInputs.add(Objects.requireNonNull(s, "outcome source must not be null"));
      }
      return this;
    }

    /**
     * Adds outcome files read with a mapping: CSV files take the fast path; files named {@code
     * *.jsonl} are read with a {@link JsonlOutcomeSource}.
     */
    public Builder outcomeFiles(OutcomeMapping mapping, Path... files) {
      Objects.requireNonNull(mapping, "mapping must not be null");
      outcomeInputs.add(new OutcomeFiles(mapping, files("outcome", files)));
      return this;
    }

    /** Adds a target mapping; each prediction target can be mapped once. */
    public Builder target(TargetMapping mapping) {
      Objects.requireNonNull(mapping, "target mapping must not be null");
      if (targets.containsKey(mapping.target())) {
        throw new IllegalArgumentException(
            "target '" + mapping.target() + "' is mapped twice: " + targets.get(mapping.target()) + " and " + mapping);
      }
      targets.put(mapping.target(), mapping);
      return this;
    }

    /** Adds a target mapping parsed by {@link TargetMapping#parse}. */
    public Builder target(String mapping) {
      return target(TargetMapping.parse(mapping));
    }

    /** The segment keys to group metrics by (their combination labels each sample). */
    public Builder segmentBy(String... keys) {
      for (String k : keys) {
        Objects.requireNonNull(k, "segment key must not be null");
        if (k.isBlank()) {
          throw new IllegalArgumentException("segment key must not be blank");
        }
        segmentBy.add(k);
      }
      return this;
    }

    /** The number of bins for ECE, MCE and reliability (default 15). */
    public Builder bins(int bins) {
      if (bins < 1 || bins > 10_000) {
        throw new IllegalArgumentException("bins must be in [1, 10000] but was " + bins);
      }
      this.bins = bins;
      return this;
    }

    /**
     * What to do with a bad prediction line or outcome row in files the run reads itself (default
     * FAIL). Sources given as objects apply their own policy.
     */
    public Builder policy(OutcomeReadPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy must not be null");
      return this;
    }

    /** Parsing and metric threads (default: up to 2, the available processors). */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 256) {
        throw new IllegalArgumentException("threads must be in [1, 256] but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Whether the result keeps the joined samples for fitting calibrators (default true). Without
     * them a run over millions of samples needs less memory.
     */
    public Builder keepJoined(boolean keep) {
      this.keepJoined = keep;
      return this;
    }

    /** The clock stamping the result (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Hears the run's stages and record counts (default: none, and no progress work at all). See
     * {@link RunProgress} for when and from which thread it is called.
     */
    public Builder progress(RunProgress listener) {
      this.progress = Objects.requireNonNull(listener, "progress listener must not be null");
      return this;
    }

    /** Builds the run; it needs at least one prediction input, outcome input and target. */
    public CalibrationRun build() {
      if (predictionInputs.isEmpty()) {
        throw new IllegalStateException("a run needs predictions: call predictions(...) or predictionFiles(...)");
      }
      if (outcomeInputs.isEmpty()) {
        throw new IllegalStateException("a run needs outcomes: call outcomes(...) or outcomeFiles(...)");
      }
      if (targets.isEmpty()) {
        throw new IllegalStateException("a run needs at least one target, e.g. target(\"sell_p60=sold_60d\")");
      }
      return new CalibrationRun(this);
    }

    private static List<Path> files(String what, Path... files) {
      Objects.requireNonNull(files, what + " files must not be null");
      if (files.length == 0) {
        throw new IllegalArgumentException("at least one " + what + " file is needed but none was given");
      }
      List<Path> list = new ArrayList<>();
      for (Path f : files) {
        list.add(Objects.requireNonNull(f, what + " files must not contain null"));
      }
      return List.copyOf(list);
    }
  }
}
