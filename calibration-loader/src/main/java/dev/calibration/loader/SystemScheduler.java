package dev.calibration.loader;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One daemon thread running delayed tasks in order.
 *
 * <p>Concurrency design: the task queue is the thread-safe {@link ScheduledThreadPoolExecutor};
 * tasks run on its single thread, one at a time. {@link #worker} is written once by the thread
 * factory and read by {@link #close()} so that a task closing its own loader does not wait for
 * itself.
 */
final class SystemScheduler implements LoaderScheduler {

  private final ScheduledThreadPoolExecutor executor;

  /** Guarded by: volatile, written once by the thread factory. */
  private volatile @Nullable Thread worker;

  SystemScheduler(String threadName) {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              worker = t;
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    try {
      ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException closed) {
      return () -> {}; // closed: nothing runs any more, as documented for close()
    }
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    Thread w = worker;
    if (Thread.currentThread() == w) {
      return;
    }
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
      if (w != null) {
        // The executor reports termination just before its thread returns; wait for the thread.
        w.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
