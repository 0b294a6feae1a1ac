package dev.calibration.core.run;

/**
 * Hears how far a {@link CalibrationRun} has got, e.g. to draw a progress bar. Set it with {@link
 * CalibrationRun.Builder#progress}; a run without one does no progress work at all.
 *
 * <p>Calls come from the thread that called {@link CalibrationRun#execute()}, never from the
 * parsing threads, in this order per stage: {@code stage(name)}, then zero or more {@code
 * records(read)}. The stages are {@code predictions}, {@code outcomes}, {@code join} and {@code
 * metrics}. In the two reading stages the counts are cumulative over the stage's inputs, never
 * decrease, come at most about every 65,536 records or 100 ms, and the last one is the stage's
 * total ({@link JoinCounts#predictionsRead()} or {@link JoinCounts#outcomesRead()}). A run executed
 * from several threads at once calls its listener from each of them, which must then be
 * thread-safe. A listener that throws aborts the run.
 */
public interface RunProgress {

  /** A stage starts: {@code predictions}, {@code outcomes}, {@code join} or {@code metrics}. */
  void stage(String name);

  /** {@code read} records have been read so far in the current stage. */
  void records(long read);
}
