package dev.calibration.loader;

import java.time.Clock;
import java.time.Duration;

/**
 * Runs the loader's delayed work: debounced reloads and polls. The loader calls every task of one
 * scheduler on one thread at a time, so config loads never overlap.
 *
 * <p>Use {@link #system(String)} in production (the default: one daemon thread) and {@link
 * ManualScheduler} in tests, which runs tasks when the test advances its clock.
 */
public interface LoaderScheduler extends AutoCloseable {

  /** Runs {@code task} once after {@code delay}; the returned handle cancels it if not yet run. */
  Cancellable schedule(Runnable task, Duration delay);

  /** The clock that {@code delay}s are measured against and that status times come from. */
  Clock clock();

  /** Stops running tasks and ends any thread this scheduler started; idempotent. */
  @Override
  void close();

  /** A scheduled task's handle. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; harmless otherwise. */
    void cancel();
  }

  /**
   * A scheduler with one daemon thread named {@code threadName}, on the system UTC clock.
   *
   * @throws IllegalArgumentException when the name is blank
   */
  static LoaderScheduler system(String threadName) {
    if (threadName.isBlank()) {
      throw new IllegalArgumentException("threadName must not be blank");
    }
    return new SystemScheduler(threadName);
  }
}
