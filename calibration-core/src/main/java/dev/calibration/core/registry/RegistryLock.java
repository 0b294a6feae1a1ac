package dev.calibration.core.registry;

import dev.calibration.api.RegistryException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The registry's exclusive write lock: a {@link FileChannel#lock() file lock} on {@code .lock} in
 * the registry directory, whose content names the holder (pid, host, since, operation).
 *
 * <p>Concurrency design. An operating-system file lock belongs to the whole process, and on Linux
 * closing <em>any</em> channel on the file drops every lock the process holds on it. So threads of
 * one JVM must never race on the file: they first take an in-process {@link ReentrantLock} kept per
 * lock-file path in {@link #IN_PROCESS}, and only its holder opens the channel. That map is the one
 * static in the registry, on purpose: it mirrors the per-process nature of the OS lock, and its
 * entries are tiny and never removed. A waiter polls {@link FileChannel#tryLock()} with a short
 * back-off until the timeout, then fails with the holder's description.
 */
final class RegistryLock {
  static final String LOCK_FILE = ".lock";

  /** Per lock-file path: the in-process lock and a description of its holder in this JVM. */
  private static final ConcurrentHashMap<Path, InProcess> IN_PROCESS = new ConcurrentHashMap<>();

  private static final class InProcess {
    final ReentrantLock lock = new ReentrantLock();

    /** Guarded by {@link #lock} for writes; read by waiters without it (hence volatile). */
    volatile String holder = "";
  }

  private final Path lockFile;
  private final Duration timeout;
  private final Clock clock;

  RegistryLock(Path registryDir, Duration timeout, Clock clock) {
    this.lockFile = registryDir.resolve(LOCK_FILE).toAbsolutePath().normalize();
    this.timeout = timeout;
    this.clock = clock;
  }

  /** A held lock; closing it releases it. */
  final class Held implements AutoCloseable {
    private final InProcess inProcess;
    private final FileChannel channel;
    private final FileLock fileLock;

    Held(InProcess inProcess, FileChannel channel, FileLock fileLock) {
      this.inProcess = inProcess;
      this.channel = channel;
      this.fileLock = fileLock;
    }

    @Override
    public void close() throws IOException {
      try {
        try {
          channel.truncate(0);
        } finally {
          fileLock.release();
          channel.close();
        }
      } finally {
        inProcess.holder = "";
        inProcess.lock.unlock();
      }
    }
  }

  Held acquire(String operation) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    InProcess ip = IN_PROCESS.computeIfAbsent(lockFile, k -> new InProcess());
    try {
      if (!ip.lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw timedOut(
            operation, ip.holder.isEmpty() ? "another thread of this process" : ip.holder);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(
          "CAL-REG-006",
          "interrupted while waiting for the lock on " + lockFile + " for " + operation,
          e);
    }
    if (ip.lock.getHoldCount() > 1) {
      ip.lock.unlock();
      throw new IllegalStateException(
          "registry writes cannot nest: this thread already holds the lock on "
              + lockFile
              + " ("
              + ip.holder
              + ")");
    }
    FileChannel ch = null;
    try {
      ch =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      long pauseMillis = 2;
      while (true) {
        FileLock fl = ch.tryLock();
        if (fl != null) {
          String holder = describeSelf(operation);
          ch.truncate(0);
          ch.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
          ip.holder = holder;
          return new Held(ip, ch, fl);
        }
        if (System.nanoTime() > deadline) {
          throw timedOut(operation, readHolder(ch));
        }
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RegistryException(
              "CAL-REG-006",
              "interrupted while waiting for the lock on " + lockFile + " for " + operation,
              e);
        }
        pauseMillis = Math.min(50, pauseMillis * 2);
      }
    } catch (IOException | RuntimeException e) {
      if (ch != null) {
        ch.close();
      }
      ip.lock.unlock();
      throw e;
    }
  }

  private RegistryException timedOut(String operation, String holder) {
    return new RegistryException(
        "CAL-REG-006",
        "registry lock "
            + lockFile
            + " is held by "
            + (holder.isBlank() ? "an unknown holder (it recorded nothing yet)" : holder)
            + "; waited "
            + timeout.toMillis()
            + " ms for "
            + operation
            + ". Retry later, or if that process is gone, the lock is free already (OS locks die"
            + " with their process)");
  }

  private static String readHolder(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1024);
    int n = ch.read(buf, 0);
    return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).trim();
  }

  private String describeSelf(String operation) {
    return "pid "
        + ProcessHandle.current().pid()
        + " on host "
        + host()
        + " since "
        + clock.instant()
        + " ("
        + operation
        + ")";
  }

  private static @Nullable String cachedHost;

  private static synchronized String host() {
    String h = cachedHost;
    if (h == null) {
      h = System.getenv("HOSTNAME");
      if (h == null || h.isBlank()) {
        try {
          h = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
          h = "unknown";
        }
      }
      cachedHost = h;
    }
    return h;
  }
}
