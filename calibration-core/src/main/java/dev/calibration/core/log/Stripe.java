package dev.calibration.core.log;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One of the logger's append buffers. Host threads copy their encoded line in; the writer thread
 * swaps the filled array for an empty one and writes it out.
 *
 * <p>Concurrency design: {@link #lock} guards the buffer, its record count and the closed flag.
 * {@link #len} is also written only under the lock but is volatile so that the writer can see
 * whether there is work without taking the lock (a stale read costs at most one idle cycle, never a
 * lost record, because the writer swaps under the lock). Host threads that find the buffer full
 * wait on {@link #notFull} for at most their deadline; the writer signals it after each swap.
 * Each host thread always uses the same stripe, so its own records keep their order.
 */
final class Stripe {
  static final int CLOSED = -2;
  static final int FULL = -1;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final int capacity;
  private final Runnable wakeWriter;

  private byte[] buf; // guarded by lock
  private int records; // guarded by lock
  private boolean closed; // guarded by lock
  volatile int len; // written under lock

  Stripe(int initialBytes, int capacity, Runnable wakeWriter) {
    this.capacity = capacity;
    this.buf = new byte[Math.min(initialBytes, capacity)];
    this.wakeWriter = wakeWriter;
  }

  /**
   * Appends {@code n} bytes of {@code src}, waiting at most {@code maxBlockNanos} for room.
   *
   * @return the new length of the buffer, {@link #FULL} if there was no room in time, or {@link
   *     #CLOSED} if the logger is closed
   */
  int append(byte[] src, int n, long maxBlockNanos) {
    lock.lock();
    try {
      if (closed) {
        return CLOSED;
      }
      if (len + n > capacity) {
        long deadline = System.nanoTime() + maxBlockNanos;
        while (len + n > capacity) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0 || closed) {
            return closed ? CLOSED : FULL;
          }
          wakeWriter.run();
          try {
            notFull.awaitNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(10)));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FULL;
          }
        }
      }
      int l = len;
      if (l + n > buf.length) {
        // The writer may hand back arrays of any size; grow within the capacity.
        buf = Arrays.copyOf(buf, Math.min(capacity, Math.max(buf.length * 2, l + n)));
      }
      System.arraycopy(src, 0, buf, l, n);
      records++;
      len = l + n;
      return l + n;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Swaps the buffer for {@code empty} (writer thread only). Returns the filled buffer, or {@code
   * empty} itself when there was nothing; {@code out[0]} receives the byte count and {@code
   * out[1]} the record count.
   */
  byte[] swap(byte[] empty, int[] out) {
    lock.lock();
    try {
      int l = len;
      out[0] = l;
      out[1] = records;
      if (l == 0) {
        return empty;
      }
      byte[] full = buf;
      buf = empty;
      len = 0;
      records = 0;
      notFull.signalAll();
      return full;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses further appends and wakes threads waiting for room. */
  void close() {
    lock.lock();
    try {
      closed = true;
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
