package dev.calibration.api;

/**
 * Appends predictions to an append-only log.
 *
 * <p>Implementations are thread-safe: many host threads may call {@link #log} at once. {@code log}
 * never blocks the caller indefinitely and, unless the implementation is configured to fail fast,
 * never throws for an I/O fault: the fault is counted and reported, and logging recovers when the
 * storage does. {@code log} does throw {@link IllegalStateException} after {@link #close()}.
 */
public interface PredictionLogger extends AutoCloseable {

  /** Logs one prediction. Idempotent implementations skip (and count) a repeated id. */
  void log(Prediction prediction);

  /** Returns once every record logged before the call has been handed to the operating system. */
  void flush();

  /** Returns once every record logged before the call is durable on storage (fsync). */
  void sync();

  /** Flushes what is pending and releases the log; further {@link #log} calls throw. Idempotent. */
  @Override
  void close();
}
