package dev.calibration.loader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A {@link LoaderScheduler} for tests: nothing runs until the test calls {@link #advance} or
 * {@link #runDue()}, and then due tasks run on the caller's thread in time order. Its {@link
 * #clock()} moves only when advanced, so status times are exact.
 *
 * <pre>{@code
 * ManualScheduler time = new ManualScheduler(Instant.parse("2026-11-23T10:00:00Z"));
 * CalibrationLoader loader = CalibrationLoader.builder().source(source).scheduler(time).build();
 * source.set(newDocument);            // an in-memory source notifies the loader
 * time.advance(Duration.ofMillis(50)); // the debounced reload runs here
 * }</pre>
 *
 * <p>Concurrency design: every method is {@code synchronized} on this object, except that tasks
 * run outside the lock so that a task may schedule more work; a watcher thread may call {@link
 * #schedule} while the test advances time.
 */
public final class ManualScheduler implements LoaderScheduler {

  /** Guarded by {@code this}. */
  private final PriorityQueue<Task> queue = new PriorityQueue<>();

  /** Guarded by {@code this}. */
  private Instant now;

  /** Guarded by {@code this}. */
  private long sequence;

  /** Guarded by {@code this}. */
  private boolean closed;

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return Clock.fixed(instant(), zone);
        }

        @Override
        public Instant instant() {
          return ManualScheduler.this.now();
        }
      };

  /** A scheduler whose clock starts at {@code start}. */
  public ManualScheduler(Instant start) {
    this.now = start;
  }

  /** A scheduler whose clock starts at 2026-01-01T00:00:00Z. */
  public ManualScheduler() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  private synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must be >= 0 but was " + delay);
    }
    if (closed) {
      return () -> {};
    }
    Task t = new Task(now.plus(delay), sequence++, task);
    queue.add(t);
    return () -> {
      synchronized (ManualScheduler.this) {
        queue.remove(t);
      }
    };
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /**
   * Moves the clock forward by {@code by}, running every task that falls due on the way, in time
   * order, each with the clock set to its due time.
   *
   * @return the number of tasks run
   */
  public int advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("advance must be >= 0 but was " + by);
    }
    Instant end;
    synchronized (this) {
      end = now.plus(by);
    }
    int ran = 0;
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due.isAfter(end) || closed) {
          now = end;
          return ran;
        }
        queue.poll();
        if (next.due.isAfter(now)) {
          now = next.due;
        }
      }
      next.task.run();
      ran++;
    }
  }

  /** Runs every task already due without moving the clock; returns the number run. */
  public int runDue() {
    return advance(Duration.ZERO);
  }

  /** The number of tasks waiting. */
  public synchronized int pending() {
    return queue.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    queue.clear();
  }

  private static final class Task implements Comparable<Task> {
    final Instant due;
    final long seq;
    final Runnable task;

    Task(Instant due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Task o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
