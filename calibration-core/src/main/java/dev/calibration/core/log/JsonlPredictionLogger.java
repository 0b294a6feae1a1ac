package dev.calibration.core.log;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.calibration.api.Prediction;
import dev.calibration.api.PredictionLogger;
import dev.calibration.core.internal.json.PredictionEncoder;
import dev.calibration.core.internal.log.PathConfinement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends predictions to a JSONL log in the version 1 format ({@code docs/prediction-log.md}), one
 * complete {@code '\n'}-terminated line per record, never rewriting a line.
 *
 * <pre>{@code
 * try (JsonlPredictionLogger log = JsonlPredictionLogger.builder(Path.of("predictions.jsonl"))
 *     .durability(Durability.FLUSH)
 *     .modelVersion(() -> "2.1.0")
 *     .calibrationVersion(loader::activeVersion)
 *     .build()) {
 *   log.log(prediction);
 * }
 * }</pre>
 *
 * <p><b>Concurrency design.</b> Host threads encode their record on their own thread into a
 * reusable per-thread buffer, then copy the bytes into one of several append buffers ({@link
 * Stripe}s; a thread always uses the same one, so its records keep their order). One writer thread
 * per logger swaps each filled buffer for an empty one and writes all of them with one gathering
 * write under the file locks (group commit): in {@link Durability#SYNC} one fsync covers every
 * thread's records of the batch. A host thread never waits for I/O: it waits only when its buffer
 * is full, for at most {@code maxBlock}, and then drops the record (counted, reported). {@link
 * #flush()} and {@link #sync()} take a ticket from {@link #requests} and wait until the writer has
 * completed a cycle that began after the ticket was taken ({@link #writtenThrough}, {@link
 * #syncedThrough}), so everything logged before the call is covered.
 *
 * <p><b>Several writers on one file.</b> Each batch is appended under a JVM-wide per-path lock and
 * an exclusive OS file lock, at the file's current end: loggers in one JVM and in other processes
 * can share the file, and lines never interleave. A torn last line (a writer killed mid-write) is cut
 * back to the last complete line before the next append.
 *
 * <p><b>Faults.</b> With {@link FaultPolicy#REPORT} (the default) an I/O fault is counted, passed
 * to the fault callback and logged through SLF4J; the batch is kept and retried with back-off, and
 * logging recovers when the storage does. {@link #log} throws only {@link IllegalStateException}
 * after {@link #close()} and {@link NullPointerException} for a null record.
 */
public final class JsonlPredictionLogger implements PredictionLogger {
  private static final Logger LOG = LoggerFactory.getLogger(JsonlPredictionLogger.class);
  private static final ThreadLocal<PredictionEncoder> ENCODER =
      ThreadLocal.withInitial(PredictionEncoder::new);
  private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Error codes of the writer side; documented in {@code docs/errors.md}. */
  static final String CLOSED = "CAL-LOG-003";

  static final String IO_FAULT = "CAL-LOG-010";
  static final String WAIT_FAILED = "CAL-LOG-011";
  static final String DROPPED_FULL = "CAL-LOG-012";
  static final String DROPPED_TOO_LARGE = "CAL-LOG-013";
  static final String TORN_TAIL_CUT = "CAL-LOG-020";

  private final Path file;
  private final Durability durability;
  private final @Nullable Supplier<String> modelVersion;
  private final @Nullable Supplier<Optional<String>> calibrationVersion;
  private final @Nullable Cache<String, Boolean> seen;
  private final Stripe[] stripes;
  private final int stripeMask;
  private final int wakeThreshold;
  private final int maxRecordBytes;
  private final long maxBlockNanos;
  private final long flushIntervalNanos;
  private final long waitTimeoutNanos;
  private final FaultPolicy faultPolicy;
  private final Consumer<LogFault> onFault;
  private final LogFile out; // writer thread only, after construction
  private final Thread writer;

  private volatile boolean writerIdle;
  private volatile boolean closed;
  private volatile boolean closing; // set after every stripe refuses appends
  private volatile boolean abandon;
  private volatile boolean writerGone; // the writer thread ended; log() must not wait for room

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong syncWanted = new AtomicLong();
  private volatile long writtenThrough; // written by the writer thread only
  private volatile long syncedThrough; // written by the writer thread only
  private volatile long failedThrough = -1; // written by the writer thread only
  private volatile @Nullable IOException lastFailure; // written by the writer thread only
  private final ReentrantLock waitLock = new ReentrantLock();
  private final Condition cycleDone = waitLock.newCondition();
  private volatile int waiters; // changed under waitLock

  private final LongAdder accepted = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private volatile long written; // written by the writer thread only
  private volatile long bytesWritten; // written by the writer thread only
  private volatile long faults; // written by the writer thread only
  private final AtomicLong tornBytesCut = new AtomicLong();
  private final AtomicLong lastDropReport = new AtomicLong(Long.MIN_VALUE);

  private JsonlPredictionLogger(Builder b, Path file) throws IOException {
    this.file = file;
    this.durability = b.durability;
    this.modelVersion = b.modelVersion;
    this.calibrationVersion = b.calibrationVersion;
    if (b.allowDuplicates) {
      this.seen = null;
    } else {
      Clock clock = b.clock;
      Caffeine<Object, Object> c =
          Caffeine.newBuilder()
              .maximumSize(b.dedupWindow)
              .executor(Runnable::run) // evict on the caller, no pool threads
              .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
      if (!b.dedupExpiry.isZero()) {
        c = c.expireAfterWrite(b.dedupExpiry);
      }
      this.seen = c.<String, Boolean>build();
    }
    int n = b.stripes > 0 ? b.stripes : defaultStripes();
    this.stripes = new Stripe[n];
    this.stripeMask = n - 1;
    int capacity = Math.max(b.bufferBytes / n, b.maxRecordBytes + 1);
    this.wakeThreshold = Math.max(1, capacity / 4);
    for (int i = 0; i < n; i++) {
      stripes[i] = new Stripe(Math.min(capacity, 64 * 1024), capacity, this::wakeWriter);
    }
    this.maxRecordBytes = b.maxRecordBytes;
    this.maxBlockNanos = b.maxBlock.toNanos();
    this.flushIntervalNanos = b.flushInterval.toNanos();
    this.waitTimeoutNanos = b.waitTimeout.toNanos();
    this.faultPolicy = b.faultPolicy;
    this.onFault = b.onFault;
    this.out =
        new LogFile(
            file, durability, b.rotateAtBytes, b.rotateEvery, b.clock, this::tornCut, b.opener);
    this.writer = new Thread(this::runWriter, "calibration-log-writer[" + file.getFileName() + "]");
    writer.setDaemon(true);
    writer.start();
  }

  private static int defaultStripes() {
    int want = Math.min(64, 2 * Runtime.getRuntime().availableProcessors());
    return Integer.highestOneBit(Math.max(1, want - 1)) << 1;
  }

  /** A builder for a logger appending to {@code file} (created with its directories if needed). */
  public static Builder builder(Path file) {
    return new Builder(file);
  }

  /**
   * The segments of a possibly rotated log whose first segment is {@code base}, oldest first:
   * {@code base}, then {@code name.1.ext}, {@code name.2.ext}, and so on. Empty if none exists.
   */
  public static List<Path> segments(Path base) {
    return LogFile.segments(base);
  }

  /** The file the logger is writing to now (the current segment when rotating). */
  public Path file() {
    return out.current();
  }

  /** The durability mode. */
  public Durability durability() {
    return durability;
  }

  /** A snapshot of the counters. */
  public LoggerStats stats() {
    return new LoggerStats(
        accepted.sum(),
        written,
        duplicates.sum(),
        dropped.sum(),
        faults,
        bytesWritten,
        tornBytesCut.get());
  }

  /**
   * Logs one prediction: stamps missing lineage, skips (and counts) an id seen within the dedup
   * window, and hands the line to the writer. Returns without waiting for I/O.
   *
   * @throws IllegalStateException after {@link #close()}
   * @throws LogWriteException only with {@link FaultPolicy#FAIL_FAST}, when the last write failed
   *     or the record could not be taken
   */
  @Override
  public void log(Prediction prediction) {
    Objects.requireNonNull(prediction, "prediction must not be null");
    if (closed) {
      throw new IllegalStateException(CLOSED + ": the logger for " + file + " is closed");
    }
    IOException failure = lastFailure;
    if (failure != null && faultPolicy == FaultPolicy.FAIL_FAST) {
      throw new LogWriteException(
          IO_FAULT, out.current(), "the last write failed: " + failure.getMessage(), failure);
    }
    Cache<String, Boolean> ids = seen;
    if (ids != null && ids.asMap().putIfAbsent(prediction.id(), Boolean.TRUE) != null) {
      duplicates.increment();
      return;
    }
    PredictionEncoder enc = ENCODER.get();
    enc.encode(prediction, stampModelVersion(prediction), stampCalibrationVersion(prediction));
    int n = enc.length();
    if (n > maxRecordBytes) {
      drop(
          prediction,
          DROPPED_TOO_LARGE,
          String.format(
              Locale.ROOT,
              "record %s is %d bytes, more than the limit of %d; dropped",
              prediction.id(),
              n,
              maxRecordBytes));
      return;
    }
    Stripe s = stripes[(int) Thread.currentThread().getId() & stripeMask];
    int newLen = s.append(enc.buffer(), n, writerGone ? 0 : maxBlockNanos);
    if (newLen >= 0) {
      accepted.increment();
      if (writerIdle && (durability != Durability.BUFFERED || newLen >= wakeThreshold)) {
        LockSupport.unpark(writer);
      }
    } else if (newLen == Stripe.CLOSED) {
      forget(prediction);
      throw new IllegalStateException(CLOSED + ": the logger for " + file + " is closed");
    } else {
      drop(
          prediction,
          DROPPED_FULL,
          String.format(
              Locale.ROOT,
              "the log buffer stayed full for %d ms; record %s dropped (%d dropped so far)",
              TimeUnit.NANOSECONDS.toMillis(maxBlockNanos),
              prediction.id(),
              dropped.sum() + 1));
    }
  }

  private @Nullable String stampModelVersion(Prediction p) {
    Supplier<String> s = modelVersion;
    return s == null || p.modelVersion().isPresent() ? null : s.get();
  }

  private @Nullable String stampCalibrationVersion(Prediction p) {
    Supplier<Optional<String>> s = calibrationVersion;
    if (s == null || p.calibrationVersion().isPresent()) {
      return null;
    }
    Optional<String> v = s.get();
    return v == null ? null : v.orElse(null);
  }

  private void forget(Prediction p) {
    Cache<String, Boolean> ids = seen;
    if (ids != null) {
      ids.invalidate(p.id());
    }
  }

  private void drop(Prediction p, String code, String message) {
    forget(p);
    dropped.increment();
    if (faultPolicy == FaultPolicy.FAIL_FAST) {
      throw new LogWriteException(code, out.current(), message, null);
    }
    // Report the first drop of a burst, then at most once a second.
    long now = System.nanoTime();
    long last = lastDropReport.get();
    if ((last == Long.MIN_VALUE || now - last >= TimeUnit.SECONDS.toNanos(1))
        && lastDropReport.compareAndSet(last, now)) {
      report(new LogFault(code, out.current(), message, Optional.empty()));
    }
  }

  private void tornCut(long bytes) {
    tornBytesCut.addAndGet(bytes);
    report(
        new LogFault(
            TORN_TAIL_CUT,
            file,
            String.format(
                Locale.ROOT,
                "the log ended with a torn line of %d bytes (a writer died mid-line); cut it back"
                    + " to the last complete line",
                bytes),
            Optional.empty()));
  }

  private void report(LogFault fault) {
    report(fault, true);
  }

  /** Logs (at WARN, or DEBUG for repeats within one outage) and calls the fault callback. */
  private void report(LogFault fault, boolean warn) {
    Throwable cause = fault.cause().orElse(null);
    if (warn) {
      LOG.warn("{}: {} ({})", fault.code(), fault.message(), fault.file(), cause);
    } else {
      LOG.debug("{}: {} ({})", fault.code(), fault.message(), fault.file(), cause);
    }
    try {
      onFault.accept(fault);
    } catch (RuntimeException e) {
      LOG.warn("the log fault callback threw; ignored", e);
    }
  }

  private void wakeWriter() {
    LockSupport.unpark(writer);
  }

  /** Returns once every record logged before the call has been handed to the OS. */
  @Override
  public void flush() {
    await(false);
  }

  /** Returns once every record logged before the call is durable on storage (fsync). */
  @Override
  public void sync() {
    await(true);
  }

  private void await(boolean sync) {
    if (!writer.isAlive()) {
      if (closed) {
        return; // closing wrote and forced everything it could
      }
      throw new LogWriteException(WAIT_FAILED, out.current(), "the writer thread is gone", null);
    }
    long ticket = requests.incrementAndGet();
    if (sync) {
      syncWanted.accumulateAndGet(ticket, Math::max);
    }
    LockSupport.unpark(writer);
    long deadline = System.nanoTime() + waitTimeoutNanos;
    waitLock.lock();
    try {
      waiters++;
      while ((sync ? syncedThrough : writtenThrough) < ticket) {
        if (failedThrough >= ticket) {
          IOException f = lastFailure;
          throw new LogWriteException(
              WAIT_FAILED,
              out.current(),
              (sync ? "sync" : "flush")
                  + " failed: "
                  + (f == null ? "the write failed" : f.getMessage())
                  + "; the records stay buffered and are retried",
              f);
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0 || !writer.isAlive()) {
          throw new LogWriteException(
              WAIT_FAILED,
              out.current(),
              (sync ? "sync" : "flush")
                  + " did not complete within "
                  + TimeUnit.NANOSECONDS.toMillis(waitTimeoutNanos)
                  + " ms",
              lastFailure);
        }
        try {
          cycleDone.awaitNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(10)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LogWriteException(
              WAIT_FAILED, out.current(), "interrupted while waiting for the writer", e);
        }
      }
    } finally {
      waiters--;
      waitLock.unlock();
    }
  }

  /**
   * Writes and (in {@link Durability#SYNC}, or after {@link #sync()}) forces what is pending, stops
   * the writer and releases the file. Waits at most the wait timeout for a failing disk, then
   * counts what could not be written as dropped. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Stripe s : stripes) {
      s.close();
    }
    closing = true;
    LockSupport.unpark(writer);
    try {
      writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitTimeoutNanos)));
      if (writer.isAlive()) {
        abandon = true;
        LockSupport.unpark(writer);
        // A writer blocked on another process's file lock may never return; do not hang the host.
        writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitTimeoutNanos)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon = true;
      LockSupport.unpark(writer);
    }
  }

  // ---- the writer thread ----

  private void runWriter() {
    int n = stripes.length;
    byte[][] spares = new byte[n][];
    byte[][] batch = new byte[n][];
    int[] lens = new int[n];
    int[] counts = new int[n];
    int[] swapOut = new int[2];
    for (int i = 0; i < n; i++) {
      spares[i] = new byte[64 * 1024];
    }
    boolean pending = false;
    boolean dirty = false;
    long backoff = 0;
    try {
      while (true) {
        long req = requests.get();
        boolean finishing = closing;
        long bytes = 0;
        int records = 0;
        boolean retry = pending; // a failed batch first; the stripes are drained on the next pass
        if (!pending) {
          for (int i = 0; i < n; i++) {
            byte[] got = stripes[i].swap(spares[i], swapOut);
            lens[i] = swapOut[0];
            counts[i] = swapOut[1];
            if (got != spares[i]) {
              batch[i] = got; // the stripe now holds spares[i]; got comes back as a spare
            } else {
              batch[i] = null;
            }
          }
        }
        for (int i = 0; i < n; i++) {
          bytes += lens[i];
          records += counts[i];
        }
        pending = bytes > 0;
        boolean wantSync = durability == Durability.SYNC || syncWanted.get() > syncedThrough;
        try {
          if (pending) {
            ByteBuffer[] bufs = new ByteBuffer[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
              if (lens[i] > 0) {
                bufs[k++] = ByteBuffer.wrap(batch[i], 0, lens[i]);
              }
            }
            out.write(bufs, k, bytes);
            written += records;
            bytesWritten += bytes;
            dirty = true;
            pending = false;
            for (int i = 0; i < n; i++) {
              if (batch[i] != null) {
                spares[i] = batch[i]; // reuse the written array for the next swap
                batch[i] = null;
              }
              lens[i] = 0;
              counts[i] = 0;
            }
          }
          if (wantSync && dirty) {
            out.force();
            dirty = false;
          }
          if (lastFailure != null) {
            LOG.info("{}: writing to {} works again", IO_FAULT, out.current());
            lastFailure = null;
          }
          backoff = 0;
          if (retry) {
            continue; // records logged since the failure are still in the stripes
          }
          writtenThrough = req;
          if (wantSync) {
            syncedThrough = req;
          }
        } catch (IOException e) {
          faults++;
          boolean firstOfOutage = lastFailure == null;
          lastFailure = e;
          failedThrough = req;
          report(
              new LogFault(
                  IO_FAULT,
                  out.current(),
                  String.format(
                      Locale.ROOT,
                      "writing %d records (%d bytes) failed: %s; kept for retry",
                      records,
                      bytes,
                      e.getMessage()),
                  Optional.of(e)),
              firstOfOutage);
          backoff = backoff == 0 ? TimeUnit.MILLISECONDS.toNanos(10) : Math.min(2 * backoff, MAX_BACKOFF_NANOS);
        }
        signalWaiters();
        if (abandon) {
          abandonPending(records);
          return;
        }
        if (finishing && !pending && !hasData() && !(dirty && wantSync)) {
          return;
        }
        if (backoff > 0) {
          LockSupport.parkNanos(this, backoff);
        } else {
          idle(req);
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.error("{}: the log writer for {} stopped unexpectedly", IO_FAULT, file, e);
      throw e;
    } finally {
      writerGone = true;
      try {
        out.close();
      } catch (IOException e) {
        LOG.warn("{}: closing {} failed", IO_FAULT, out.current(), e);
      }
      signalWaiters();
    }
  }

  private void abandonPending(int records) {
    long lost = records;
    int[] swapOut = new int[2];
    for (Stripe s : stripes) {
      s.swap(new byte[0], swapOut);
      lost += swapOut[1];
    }
    if (lost > 0) {
      dropped.add(lost);
      report(
          new LogFault(
              DROPPED_FULL,
              out.current(),
              lost + " records could not be written before close gave up",
              Optional.ofNullable(lastFailure)));
    }
  }

  private boolean hasData() {
    for (Stripe s : stripes) {
      if (s.len > 0) {
        return true;
      }
    }
    return false;
  }

  private void idle(long servedThrough) {
    writerIdle = true;
    try {
      if (closing || requests.get() != servedThrough || hasWork()) {
        return;
      }
      LockSupport.parkNanos(
          this, durability == Durability.BUFFERED ? flushIntervalNanos : IDLE_PARK_NANOS);
    } finally {
      writerIdle = false;
    }
  }

  private boolean hasWork() {
    int threshold = durability == Durability.BUFFERED ? wakeThreshold : 1;
    for (Stripe s : stripes) {
      if (s.len >= threshold) {
        return true;
      }
    }
    return false;
  }

  private void signalWaiters() {
    if (waiters > 0) {
      waitLock.lock();
      try {
        cycleDone.signalAll();
      } finally {
        waitLock.unlock();
      }
    }
  }

  /**
   * Builds a {@link JsonlPredictionLogger}. Each setter checks its argument at the call and names
   * the value in the message. Not thread-safe.
   */
  public static final class Builder {
    private final Path file;
    private @Nullable Path baseDir;
    private Durability durability = Durability.FLUSH;
    private @Nullable Supplier<String> modelVersion;
    private @Nullable Supplier<Optional<String>> calibrationVersion;
    private boolean allowDuplicates;
    private long dedupWindow = 100_000;
    private Duration dedupExpiry = Duration.ZERO;
    private int bufferBytes = 8 * 1024 * 1024;
    private int stripes;
    private int maxRecordBytes = 1024 * 1024;
    private Duration maxBlock = Duration.ofMillis(500);
    private Duration flushInterval = Duration.ofMillis(100);
    private Duration waitTimeout = Duration.ofSeconds(30);
    private long rotateAtBytes;
    private Duration rotateEvery = Duration.ZERO;
    private Clock clock = Clock.systemUTC();
    private FaultPolicy faultPolicy = FaultPolicy.REPORT;
    private Consumer<LogFault> onFault = f -> {};
    LogFile.Opener opener = LogFile.Opener.DEFAULT; // tests inject faults here

    private Builder(Path file) {
      this.file = Objects.requireNonNull(file, "file must not be null");
    }

    /** The durability mode; default {@link Durability#FLUSH}. */
    public Builder durability(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability must not be null");
      return this;
    }

    /** Stamps this model version on records that have none. */
    public Builder modelVersion(Supplier<String> modelVersion) {
      this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion must not be null");
      return this;
    }

    /**
     * Stamps the active calibration version (when the supplier returns one) on records that have
     * none; the loader's active version is the usual supplier.
     */
    public Builder calibrationVersion(Supplier<Optional<String>> calibrationVersion) {
      this.calibrationVersion =
          Objects.requireNonNull(calibrationVersion, "calibrationVersion must not be null");
      return this;
    }

    /**
     * Confines the log under {@code baseDir}: the file (relative paths resolve against it) must lie
     * inside it, through {@code ..} and symbolic links too, or {@link #build()} fails with
     * CAL-LOG-001.
     */
    public Builder confinedTo(Path baseDir) {
      this.baseDir = Objects.requireNonNull(baseDir, "baseDir must not be null");
      return this;
    }

    /**
     * About how many recent ids are remembered to skip repeats; default 100,000. The window is a
     * Caffeine size bound, which evicts by frequency as well as recency, so an id may be
     * remembered a little longer or shorter than exactly the last {@code ids} records.
     */
    public Builder dedupWindow(long ids) {
      if (ids < 1) {
        throw new IllegalArgumentException("dedupWindow must be >= 1 id but was " + ids);
      }
      this.dedupWindow = ids;
      return this;
    }

    /**
     * Also forgets an id this long after it was logged (by the builder's clock); default never,
     * only the size window applies.
     */
    public Builder dedupExpiry(Duration expiry) {
      Objects.requireNonNull(expiry, "dedupExpiry must not be null");
      if (expiry.isNegative()) {
        throw new IllegalArgumentException("dedupExpiry must be >= 0 but was " + expiry);
      }
      this.dedupExpiry = expiry;
      return this;
    }

    /** Writes every record, even one whose id was just logged. */
    public Builder allowDuplicates() {
      this.allowDuplicates = true;
      return this;
    }

    /** The total size of the append buffers; default 8 MiB. */
    public Builder bufferBytes(int bytes) {
      if (bytes < 4096) {
        throw new IllegalArgumentException("bufferBytes must be >= 4096 but was " + bytes);
      }
      this.bufferBytes = bytes;
      return this;
    }

    /** The number of append buffers (a power of two); default twice the processors. */
    public Builder stripes(int stripes) {
      if (stripes < 1 || Integer.bitCount(stripes) != 1) {
        throw new IllegalArgumentException(
            "stripes must be a power of two >= 1 but was " + stripes);
      }
      this.stripes = stripes;
      return this;
    }

    /** The largest encoded record accepted; default 1 MiB (the reader's default line limit). */
    public Builder maxRecordBytes(int bytes) {
      if (bytes < 64) {
        throw new IllegalArgumentException("maxRecordBytes must be >= 64 but was " + bytes);
      }
      this.maxRecordBytes = bytes;
      return this;
    }

    /** How long {@code log} may wait for buffer room before dropping; default 500 ms. */
    public Builder maxBlock(Duration maxBlock) {
      this.maxBlock = nonNegative(maxBlock, "maxBlock");
      return this;
    }

    /** In {@link Durability#BUFFERED}, how long records may wait in memory; default 100 ms. */
    public Builder flushInterval(Duration interval) {
      Objects.requireNonNull(interval, "flushInterval must not be null");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("flushInterval must be > 0 but was " + interval);
      }
      this.flushInterval = cap(interval);
      return this;
    }

    /** How long {@code flush}, {@code sync} and {@code close} wait; default 30 s. */
    public Builder waitTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "waitTimeout must not be null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("waitTimeout must be > 0 but was " + timeout);
      }
      this.waitTimeout = cap(timeout);
      return this;
    }

    /** Starts a new numbered segment before a batch would take the file past this size. */
    public Builder rotateAtBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("rotateAtBytes must be >= 1024 but was " + bytes);
      }
      this.rotateAtBytes = bytes;
      return this;
    }

    /** Starts a new numbered segment every {@code period} (by the builder's clock). */
    public Builder rotateEvery(Duration period) {
      Objects.requireNonNull(period, "rotateEvery must not be null");
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("rotateEvery must be > 0 but was " + period);
      }
      this.rotateEvery = period;
      return this;
    }

    /** The clock for time-based rotation; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /** What {@code log} does on faults; default {@link FaultPolicy#REPORT}. */
    public Builder faultPolicy(FaultPolicy policy) {
      this.faultPolicy = Objects.requireNonNull(policy, "faultPolicy must not be null");
      return this;
    }

    /** Called with every fault (on the writer thread for I/O faults); must not block. */
    public Builder onFault(Consumer<LogFault> callback) {
      this.onFault = Objects.requireNonNull(callback, "onFault must not be null");
      return this;
    }

    /**
     * Opens the file (creating it and its directories), repairs a torn tail and starts the writer.
     *
     * @throws IllegalArgumentException if the path escapes the confinement directory (CAL-LOG-001)
     * @throws UncheckedIOException if the file cannot be opened (CAL-LOG-002)
     */
    public JsonlPredictionLogger build() {
      try {
        Path target =
            baseDir == null
                ? PathConfinement.canonical(file)
                : PathConfinement.confine(baseDir, file);
        if (baseDir != null) {
          Path parent = target.getParent();
          if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
          }
        }
        return new JsonlPredictionLogger(this, target);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "CAL-LOG-002: cannot open the prediction log " + file + ": " + e.getMessage(), e);
      }
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, () -> name + " must not be null");
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must be >= 0 but was " + d);
      }
      return cap(d);
    }

    private static Duration cap(Duration d) {
      Duration max = Duration.ofDays(365);
      return d.compareTo(max) > 0 ? max : d;
    }
  }
}
