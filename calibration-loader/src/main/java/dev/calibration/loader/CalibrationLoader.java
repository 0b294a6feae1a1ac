package dev.calibration.loader;

import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.Calibrator;
import dev.calibration.api.ConfigFetch;
import dev.calibration.api.ConfigSource;
import dev.calibration.core.config.CalibrationConfig;
import dev.calibration.core.config.ConfigProblem;
import dev.calibration.core.config.ConfigValidation;
import dev.calibration.core.config.MethodResolver;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the active calibration config of a host as an immutable {@link CalibrationSnapshot} and
 * replaces it when the config changes, without ever making a reader wait or see a half-loaded or
 * invalid config.
 *
 * <pre>{@code
 * CalibrationLoader loader = CalibrationLoader.builder()
 *     .source(ConfigSources.file(Path.of("registry/active.json")))
 *     .factorDefaults("CONDITION_PRICE_FACTOR", Map.of("new", 1.0, "used_good", 0.85))
 *     .onChange((before, after) -> log.info("calibration now {}", after.version()))
 *     .build();                                  // loads once, then watches and polls
 * SegmentKey used = SegmentKey.of("condition", "used_good");   // build keys once
 * double p = loader.current().calibrate("sell_p60", used, raw); // lock-free, allocation-free
 * }</pre>
 *
 * <p><b>Concurrency design.</b> Readers do one volatile read of {@link #current} and then work on
 * an immutable snapshot: no lock, no allocation on the calibrate path. All writing happens in
 * {@link #check()}, which holds {@link #reloadLock}: it reads the source, skips content whose
 * SHA-256 it has seen (a touch without change, or a bad document already reported), parses and
 * validates the document completely, builds the new snapshot off to the side, and publishes it with
 * one volatile write; only then do listeners run, in order, on the same thread. Checks run on the
 * scheduler's single thread (debounced change events and the poll), or on the thread calling
 * {@link Builder#build()} or {@link #checkNow()}; the lock serializes them. The source's watch
 * thread only calls {@link #requestCheck()}, which schedules one debounced check unless one is
 * already pending ({@link #checkPending}), so a burst of events costs at most two loads. {@link
 * #status} is an immutable record replaced whole under the lock and read without it.
 */
public final class CalibrationLoader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CalibrationLoader.class);
  private static final AtomicInteger IDS = new AtomicInteger(); // only names threads

  /** The default poll interval: 2 seconds. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

  /** The default debounce: 10 milliseconds (short enough for the reload-latency goal). */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(10);

  /** The default size limit of a config document: 16 MiB. */
  public static final long DEFAULT_MAX_BYTES = 16L << 20;

  /** What to do when the source's document disappears after a config was loaded. */
  public enum OnMissing {
    /** Keep the last good config (the default): a deleted file changes nothing. */
    KEEP_LAST_GOOD,
    /** Fall back to the defaults, as if no config had ever been loaded. */
    USE_DEFAULTS
  }

  /** What {@link Builder#build()} does when the document at start-up is invalid or unreadable. */
  public enum OnInvalidAtStart {
    /** Start with the defaults and keep watching (the default). */
    USE_DEFAULTS,
    /** Throw {@link CalibrationLoadException}. */
    FAIL
  }

  /** Guarded by: volatile; written only under {@link #reloadLock}. */
  private volatile CalibrationSnapshot current;

  /** Guarded by: volatile; replaced whole under {@link #reloadLock}. */
  private volatile LoaderStatus status;

  private final ReentrantLock reloadLock = new ReentrantLock();
  private final AtomicBoolean checkPending = new AtomicBoolean();

  private final @Nullable ConfigSource source; // null for a fixed loader
  private final String description;
  private final CalibrationSnapshot defaults;
  private final MethodResolver methods;
  private final Map<String, Map<String, Double>> factorDefaults;
  private final List<ChangeListener> listeners;
  private final List<Consumer<LoadFailure>> failureListeners;
  private final @Nullable LoaderScheduler scheduler;
  private final boolean ownsScheduler;
  private final Clock clock;
  private final Duration debounce;
  private final Duration pollInterval;
  private final long maxBytes;
  private final OnMissing onMissing;

  /** Guarded by {@link #reloadLock}: the hash of the document behind {@link #current}. */
  private byte @Nullable [] goodHash;

  /** Guarded by {@link #reloadLock}: the hash of the last document found invalid. */
  private byte @Nullable [] badHash;

  /** Guarded by {@link #reloadLock}: the last read error reported, so it is reported once. */
  private @Nullable String lastReadError;

  /** Guarded by {@link #reloadLock}: whether the last read found no document. */
  private boolean missing;

  /** Guarded by {@link #reloadLock}: the source's tag of the document behind {@link #current}. */
  private Optional<String> knownTag = Optional.empty();

  /** Guarded by {@link #reloadLock}. */
  private LoaderScheduler.@Nullable Cancellable pollTask;

  /** Guarded by {@link #reloadLock}. */
  private ConfigSource.@Nullable Watch watch;

  /** Guarded by: volatile; set once by {@link #close()}. */
  private volatile boolean closed;

  private CalibrationLoader(Builder b, @Nullable ConfigSource source, CalibrationSnapshot defaults) {
    this.source = source;
    this.description = source == null ? "fixed" : source.description();
    this.defaults = defaults;
    this.current = defaults;
    MethodResolver given = b.methods;
    this.methods =
        given != null
            ? given
            : source == null ? name -> Optional.empty() : MethodResolver.serviceLoader();
    this.factorDefaults = Map.copyOf(b.factorDefaults);
    this.listeners = List.copyOf(b.listeners);
    this.failureListeners = List.copyOf(b.failureListeners);
    this.debounce = b.debounce;
    this.pollInterval = b.pollInterval;
    this.maxBytes = b.maxBytes;
    this.onMissing = b.onMissing;
    if (source == null) {
      this.scheduler = null;
      this.ownsScheduler = false;
    } else if (b.scheduler != null) {
      this.scheduler = b.scheduler;
      this.ownsScheduler = false;
    } else {
      this.scheduler =
          LoaderScheduler.system(
              "calibration-loader-" + IDS.incrementAndGet() + "[" + description + "]");
      this.ownsScheduler = true;
    }
    this.clock =
        b.clock != null ? b.clock : scheduler != null ? scheduler.clock() : Clock.systemUTC();
    this.status =
        new LoaderStatus(
            description,
            defaults.version(),
            true,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0,
            0,
            0,
            false);
  }

  /** A builder; {@link Builder#source} is the one required setting. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A loader that always returns {@code snapshot} and starts no thread: for hosts' tests and for
   * hosts that manage configs themselves.
   */
  public static CalibrationLoader fixed(CalibrationSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot must not be null");
    return new CalibrationLoader(new Builder(), null, snapshot);
  }

  /**
   * A fixed loader of {@code config}, whose methods are found with {@link
   * MethodResolver#serviceLoader()}.
   *
   * @throws dev.calibration.core.config.ConfigException when the config is invalid, listing every
   *     error
   */
  public static CalibrationLoader of(CalibrationConfig config) {
    return fixed(snapshot(config, MethodResolver.serviceLoader()));
  }

  /**
   * A fixed loader whose snapshot has version {@code version} and one calibrator per target (no
   * segments, factors or weights): e.g. {@code CalibrationLoader.of("test-1", Map.of("sell_p60",
   * calibrator))}.
   */
  public static CalibrationLoader of(String version, Map<String, Calibrator> calibrators) {
    return fixed(Snapshot.ofCalibrators(version, calibrators));
  }

  /**
   * The snapshot of a validated {@code config}, with no factor defaults: what a loader would
   * publish for it.
   *
   * @throws dev.calibration.core.config.ConfigException when the config is invalid, listing every
   *     error
   */
  public static CalibrationSnapshot snapshot(CalibrationConfig config, MethodResolver methods) {
    config.validate(methods).orThrow();
    return Snapshot.of(config, methods, Map.of());
  }

  /**
   * The snapshot in force: one volatile read. Read it once per prediction (or batch) and ask it
   * everything, so that all answers come from one config version.
   */
  public CalibrationSnapshot current() {
    return current;
  }

  /**
   * The version of the snapshot in force, or empty while defaults apply: the calibration version
   * a prediction logger stamps on each record (pass {@code loader::currentVersion} as its
   * supplier).
   */
  public Optional<String> currentVersion() {
    return current.version();
  }

  /** What the loader has done so far. */
  public LoaderStatus status() {
    return status;
  }

  /**
   * Reads the source now, on the calling thread, and publishes a new snapshot if the document
   * changed and is valid; listeners run on the calling thread. Returns the status after the check.
   * A fixed or closed loader does nothing.
   */
  public LoaderStatus checkNow() {
    check();
    return status;
  }

  /**
   * Stops the watcher and the poller and ends the loader's threads; the current snapshot stays
   * readable. Idempotent.
   */
  @Override
  public void close() {
    ConfigSource.@Nullable Watch w;
    reloadLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      w = watch;
      watch = null;
      if (pollTask != null) {
        pollTask.cancel();
        pollTask = null;
      }
      LoaderStatus s = status;
      status =
          new LoaderStatus(
              s.source(),
              s.version(),
              s.usingDefaults(),
              s.sourceMissing(),
              s.lastCheck(),
              s.lastSuccess(),
              s.lastFailure(),
              s.lastFailureCode(),
              s.lastFailureReason(),
              s.checks(),
              s.reloads(),
              s.failures(),
              true);
    } finally {
      reloadLock.unlock();
    }
    if (w != null) {
      w.close();
    }
    if (ownsScheduler && scheduler != null) {
      scheduler.close();
    }
  }

  @Override
  public String toString() {
    return "CalibrationLoader[" + description + ", " + current.version().orElse("defaults") + "]";
  }

  // ---- start-up ----

  private void start(OnInvalidAtStart onInvalid) {
    ConfigSource src = Objects.requireNonNull(source);
    try {
      watch = src.watch(this::requestCheck);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "CAL-LOAD-008 cannot watch {}; polling every {} ms instead: {}",
          description,
          pollInterval.toMillis(),
          e.toString());
    }
    LoadFailure failure = check();
    if (failure != null && onInvalid == OnInvalidAtStart.FAIL) {
      close();
      throw new CalibrationLoadException(failure);
    }
    reloadLock.lock();
    try {
      schedulePoll();
    } finally {
      reloadLock.unlock();
    }
  }

  /** Guarded by {@link #reloadLock}. */
  private void schedulePoll() {
    if (closed) {
      return;
    }
    pollTask =
        Objects.requireNonNull(scheduler)
            .schedule(
                () -> {
                  try {
                    check();
                  } finally {
                    reloadLock.lock();
                    try {
                      schedulePoll();
                    } finally {
                      reloadLock.unlock();
                    }
                  }
                },
                pollInterval);
  }

  /** Called by the source's watch (any thread): one debounced check unless one is pending. */
  private void requestCheck() {
    if (closed || !checkPending.compareAndSet(false, true)) {
      return;
    }
    Objects.requireNonNull(scheduler)
        .schedule(
            () -> {
              checkPending.set(false);
              check();
            },
            debounce);
  }

  // ---- the reload path ----

  /** Reads, validates and publishes; returns the failure if this check failed, else null. */
  private @Nullable LoadFailure check() {
    if (source == null || closed) {
      return null;
    }
    reloadLock.lock();
    try {
      if (closed) {
        return null;
      }
      return checkLocked(source);
    } catch (RuntimeException e) {
      // A bug in a source or a method must not end the poll; report it like a read error.
      return fail("CAL-LOAD-001", "reading " + description + " failed: " + e, List.of(), null);
    } finally {
      reloadLock.unlock();
    }
  }

  /** Guarded by {@link #reloadLock}. */
  private @Nullable LoadFailure checkLocked(ConfigSource src) {
    Instant now = clock.instant();
    ConfigFetch fetch;
    try {
      fetch = src.fetch(knownTag, maxBytes);
    } catch (Limits.DocumentTooLargeException e) {
      return readFailure("CAL-LOAD-002", e.getMessage(), now);
    } catch (IOException e) {
      return readFailure("CAL-LOAD-001", "cannot read " + description + ": " + e.getMessage(), now);
    }
    lastReadError = null;
    switch (fetch.kind()) {
      case NOT_MODIFIED:
        missing = false;
        update(now, false, null);
        return null;
      case MISSING:
        missing(now);
        return null;
      default:
        break;
    }
    missing = false; // a document is there, whatever becomes of it below
    if (fetch.size() > maxBytes) {
      return readFailure(
          "CAL-LOAD-002",
          description + " is larger than the limit of " + maxBytes + " bytes",
          now);
    }
    byte[] content = fetch.content();
    byte[] hash = sha256(content);
    if (Arrays.equals(hash, goodHash)) {
      knownTag = fetch.tag();
      update(now, false, null); // touched, or the same bytes again: nothing to do
      return null;
    }
    if (Arrays.equals(hash, badHash)) {
      update(now, false, null); // this bad content was reported already
      return null;
    }
    ConfigValidation v = CalibrationConfig.check(content, description, methods);
    if (!v.isValid()) {
      badHash = hash;
      return fail("CAL-LOAD-003", v.describe(), v.problems(), now);
    }
    CalibrationConfig config = v.config().orElseThrow();
    Snapshot next;
    try {
      next = Snapshot.of(config, methods, factorDefaults);
    } catch (RuntimeException e) {
      badHash = hash;
      return fail("CAL-LOAD-004", "building the snapshot of " + config.version() + " failed: " + e.getMessage(), List.of(), now);
    }
    if (!v.warnings().isEmpty()) {
      LOG.warn("CAL-LOAD-009 loaded {} with warnings: {}", config.version(), v.describe());
    }
    goodHash = hash;
    badHash = null;
    knownTag = fetch.tag();
    publish(next, now, false);
    return null;
  }

  /** Guarded by {@link #reloadLock}. */
  private void missing(Instant now) {
    if (missing) {
      update(now, true, null); // reported when it went missing
      return;
    }
    missing = true;
    knownTag = Optional.empty();
    if (goodHash == null) {
      LOG.info("no calibration config at {}; the defaults apply", description);
      update(now, true, null);
    } else if (onMissing == OnMissing.KEEP_LAST_GOOD) {
      LOG.warn(
          "CAL-LOAD-006 the calibration config at {} disappeared; keeping version {}",
          description,
          current.version().orElse("defaults"));
      update(now, true, null);
    } else {
      LOG.warn(
          "CAL-LOAD-006 the calibration config at {} disappeared; falling back to the defaults",
          description);
      goodHash = null;
      publish(defaults, now, true);
    }
  }

  /** A read error: reported once until the source reads again. Guarded by {@link #reloadLock}. */
  private @Nullable LoadFailure readFailure(String code, String message, Instant now) {
    if (message.equals(lastReadError)) {
      update(now, missing, null);
      return new LoadFailure(description, now, code, message, List.of());
    }
    lastReadError = message;
    return fail(code, message, List.of(), now);
  }

  /** Records, logs once and tells failure listeners. Guarded by {@link #reloadLock}. */
  private LoadFailure fail(
      String code, String message, List<ConfigProblem> problems, @Nullable Instant at) {
    Instant now = at != null ? at : clock.instant();
    LoadFailure f = new LoadFailure(description, now, code, message, problems);
    LOG.warn(
        "{} keeping calibration version {}: {}",
        code,
        current.version().orElse("defaults"),
        message);
    update(now, missing, f);
    for (Consumer<LoadFailure> l : failureListeners) {
      try {
        l.accept(f);
      } catch (RuntimeException | AssertionError e) {
        LOG.error("CAL-LOAD-005 an onFailure listener threw; the loader carries on", e);
      }
    }
    return f;
  }

  /** Publishes {@code next} and runs listeners. Guarded by {@link #reloadLock}. */
  private void publish(CalibrationSnapshot next, Instant now, boolean sourceMissing) {
    CalibrationSnapshot before = current;
    current = next;
    LoaderStatus s = status;
    status =
        new LoaderStatus(
            description,
            next.version(),
            next == defaults,
            sourceMissing,
            Optional.of(now),
            Optional.of(now),
            s.lastFailure(),
            s.lastFailureCode(),
            s.lastFailureReason(),
            s.checks() + 1,
            s.reloads() + 1,
            s.failures(),
            closed);
    LOG.info(
        "calibration config {} is active (from {})",
        next.version().orElse("defaults"),
        description);
    for (ChangeListener l : listeners) {
      try {
        l.onChange(before, next);
      } catch (RuntimeException | AssertionError e) {
        LOG.error("CAL-LOAD-005 a change listener threw; the other listeners still run", e);
      }
    }
  }

  /** Records a check that published nothing. Guarded by {@link #reloadLock}. */
  private void update(Instant now, boolean sourceMissing, @Nullable LoadFailure failure) {
    LoaderStatus s = status;
    status =
        new LoaderStatus(
            description,
            s.version(),
            s.usingDefaults(),
            sourceMissing,
            Optional.of(now),
            s.lastSuccess(),
            failure != null ? Optional.of(failure.at()) : s.lastFailure(),
            failure != null ? Optional.of(failure.code()) : s.lastFailureCode(),
            failure != null ? Optional.of(failure.message()) : s.lastFailureReason(),
            s.checks() + 1,
            s.reloads(),
            failure != null ? s.failures() + 1 : s.failures(),
            closed);
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Configures a {@link CalibrationLoader}. Each method checks its argument at once and names the
   * value in its message.
   */
  public static final class Builder {
    private @Nullable ConfigSource source;
    private @Nullable CalibrationSnapshot defaults;
    private @Nullable MethodResolver methods; // discovered at build() unless given
    private final Map<String, Map<String, Double>> factorDefaults = new LinkedHashMap<>();
    private final List<ChangeListener> listeners = new ArrayList<>();
    private final List<Consumer<LoadFailure>> failureListeners = new ArrayList<>();
    private @Nullable LoaderScheduler scheduler;
    private @Nullable Clock clock;
    private Duration debounce = DEFAULT_DEBOUNCE;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private OnMissing onMissing = OnMissing.KEEP_LAST_GOOD;
    private OnInvalidAtStart onInvalidAtStart = OnInvalidAtStart.USE_DEFAULTS;

    private Builder() {}

    /**
     * Where the config comes from (required, once).
     *
     * @throws IllegalStateException when a source is already set
     */
    public Builder source(ConfigSource source) {
      Objects.requireNonNull(source, "source must not be null");
      if (this.source != null) {
        throw new IllegalStateException(
            "source is already set to "
                + this.source.description()
                + "; a loader reads one source (compose sources in your own ConfigSource)");
      }
      this.source = source;
      return this;
    }

    /**
     * What applies while no config is loaded (opt-in: no file means no change). Without it, the
     * defaults are identity calibrators, the {@link #factorDefaults} and no weights.
     */
    public Builder defaults(CalibrationSnapshot defaults) {
      this.defaults = Objects.requireNonNull(defaults, "defaults must not be null");
      return this;
    }

    /**
     * The host's factors for {@code table}, used where the config names none; the config's
     * factors merge over them, and all are clamped to the table's bounds.
     *
     * @throws IllegalArgumentException when the table is blank or already given, or a factor is
     *     not finite and positive
     */
    public Builder factorDefaults(String table, Map<String, Double> factors) {
      Objects.requireNonNull(table, "table must not be null");
      Objects.requireNonNull(factors, "factors must not be null");
      if (table.isBlank()) {
        throw new IllegalArgumentException("table must not be blank");
      }
      if (factorDefaults.containsKey(table)) {
        throw new IllegalArgumentException("factorDefaults for " + table + " are already set");
      }
      Map<String, Double> copy = new LinkedHashMap<>();
      factors.forEach(
          (k, v) -> {
            Objects.requireNonNull(k, "factor key must not be null");
            Objects.requireNonNull(v, () -> "factor " + table + "." + k + " must not be null");
            if (!Double.isFinite(v) || v <= 0) {
              throw new IllegalArgumentException(
                  "factor "
                      + table
                      + "."
                      + k
                      + " must be finite and > 0 but was "
                      + String.format(Locale.ROOT, "%s", v));
            }
            copy.put(k, v);
          });
      factorDefaults.put(table, Map.copyOf(copy));
      return this;
    }

    /**
     * How method names resolve (default: {@link MethodResolver#serviceLoader()}, which discovers
     * {@code CalibrationMethods} on the class path at {@link #build()}).
     */
    public Builder methods(MethodResolver methods) {
      this.methods = Objects.requireNonNull(methods, "methods must not be null");
      return this;
    }

    /** Adds a listener told after each swap; listeners run in the order added. */
    public Builder onChange(ChangeListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
      return this;
    }

    /** Adds a listener told when a reload fails (the last good snapshot stays). */
    public Builder onFailure(Consumer<LoadFailure> listener) {
      failureListeners.add(Objects.requireNonNull(listener, "listener must not be null"));
      return this;
    }

    /**
     * How long to wait after a change event before reading (default 10 ms); events in the window
     * share one read.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder debounce(Duration debounce) {
      Objects.requireNonNull(debounce, "debounce must not be null");
      if (debounce.isNegative()) {
        throw new IllegalArgumentException(
            "debounce must be >= 0 ms but was " + debounce.toMillis());
      }
      this.debounce = debounce;
      return this;
    }

    /**
     * How often to read the source whatever the watch says (default 2 s): the safety net for
     * lost events and for sources that cannot watch.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder pollInterval(Duration pollInterval) {
      Objects.requireNonNull(pollInterval, "pollInterval must not be null");
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException(
            "pollInterval must be > 0 ms but was " + pollInterval.toMillis());
      }
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * The largest document accepted (default 16 MiB); a larger one is a failure ({@code
     * CAL-LOAD-002}).
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes <= 0) {
        throw new IllegalArgumentException("maxBytes must be > 0 but was " + maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /** What to do when the document disappears (default {@link OnMissing#KEEP_LAST_GOOD}). */
    public Builder onMissing(OnMissing onMissing) {
      this.onMissing = Objects.requireNonNull(onMissing, "onMissing must not be null");
      return this;
    }

    /**
     * What {@link #build()} does with an invalid or unreadable document (default {@link
     * OnInvalidAtStart#USE_DEFAULTS}). A missing document always gives the defaults.
     */
    public Builder onInvalidAtStart(OnInvalidAtStart onInvalidAtStart) {
      this.onInvalidAtStart =
          Objects.requireNonNull(onInvalidAtStart, "onInvalidAtStart must not be null");
      return this;
    }

    /**
     * Runs debounced reloads and polls (default: a new single daemon thread, closed with the
     * loader). A scheduler given here is not closed by the loader.
     */
    public Builder scheduler(LoaderScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
      return this;
    }

    /** The clock status times come from (default: the scheduler's clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Builds the loader, reads the source once, starts watching and polling.
     *
     * @throws IllegalStateException when no source was set
     * @throws CalibrationLoadException when {@link OnInvalidAtStart#FAIL} is set and the document
     *     is invalid or unreadable
     */
    public CalibrationLoader build() {
      if (source == null) {
        throw new IllegalStateException(
            "source is not set; call source(ConfigSources.file(path)) or another source");
      }
      CalibrationSnapshot d = defaults != null ? defaults : Snapshot.defaults(factorDefaults);
      CalibrationLoader loader = new CalibrationLoader(this, source, d);
      loader.start(onInvalidAtStart);
      return loader;
    }
  }
}
