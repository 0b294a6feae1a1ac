package dev.calibration.core.log;

import dev.calibration.api.Prediction;
import dev.calibration.api.PredictionLogger;
import dev.calibration.api.PredictionSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link PredictionLogger} that keeps predictions in memory, for tests of host code. It has the
 * same observable contract as {@link JsonlPredictionLogger}: repeated ids are skipped and counted
 * (unless built with {@link #allowingDuplicates()}), {@code log} after {@code close} throws {@link
 * IllegalStateException}. Unlike the file logger it remembers every id, not a window.
 *
 * <p>Concurrency design: all state is guarded by {@code this}; every method is synchronized.
 */
public final class InMemoryPredictionLogger implements PredictionLogger {
  private final boolean allowDuplicates;
  private final List<Prediction> records = new ArrayList<>(); // guarded by this
  private final Set<String> ids = new HashSet<>(); // guarded by this
  private long duplicates; // guarded by this
  private boolean closed; // guarded by this

  private InMemoryPredictionLogger(boolean allowDuplicates) {
    this.allowDuplicates = allowDuplicates;
  }

  /** A logger that skips repeated ids. */
  public InMemoryPredictionLogger() {
    this(false);
  }

  /** A logger that keeps every record, repeated ids too. */
  public static InMemoryPredictionLogger allowingDuplicates() {
    return new InMemoryPredictionLogger(true);
  }

  @Override
  public synchronized void log(Prediction prediction) {
    Objects.requireNonNull(prediction, "prediction must not be null");
    if (closed) {
      throw new IllegalStateException("CAL-LOG-003: the in-memory logger is closed");
    }
    if (!ids.add(prediction.id()) && !allowDuplicates) {
      duplicates++;
      return;
    }
    records.add(prediction);
  }

  /** Nothing to do: records are visible at once. */
  @Override
  public void flush() {}

  /** Nothing to do: memory is as durable as it gets. */
  @Override
  public void sync() {}

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** A copy of the records logged so far, in order. */
  public synchronized List<Prediction> predictions() {
    return List.copyOf(records);
  }

  /** How many records were skipped as repeats. */
  public synchronized long duplicates() {
    return duplicates;
  }

  /** A source over the records logged so far (a snapshot taken at each {@code open()}). */
  public PredictionSource asSource() {
    return () -> predictions().stream();
  }
}
