package dev.calibration.core.internal.log;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One in-JVM lock per canonical log path, so that two writers in one JVM never ask the operating
 * system for overlapping file locks on the same file (Java throws {@link
 * java.nio.channels.OverlappingFileLockException} then, because POSIX locks belong to the
 * process).
 *
 * <p>Concurrency design: this is JVM-wide state on purpose, since the file locks it stands in front
 * of are JVM-wide too. Entries are reference-counted: {@link #acquire} adds a user, {@link
 * #release} removes one and drops the entry when none are left. The table is guarded by its own
 * monitor; the per-path {@link ReentrantLock}s are taken by writers around each batch, always
 * before the file lock (one fixed order, so no deadlock).
 */
public final class PathLocks {
  private static final Object GUARD = new Object();

  /** Guarded by {@link #GUARD}. */
  private static final Map<Path, Entry> TABLE = new HashMap<>();

  private PathLocks() {}

  /** A registered user of one path's lock. Release it once. */
  public static final class Entry {
    private final Path path;
    private final ReentrantLock lock = new ReentrantLock();
    private int users; // guarded by GUARD

    private Entry(Path path) {
      this.path = path;
    }

    /** The lock shared by every writer of this path in the JVM. */
    public ReentrantLock lock() {
      return lock;
    }

    /** The canonical path this entry stands for. */
    public Path path() {
      return path;
    }
  }

  /** Registers a user of {@code canonicalPath}'s lock and returns the shared entry. */
  public static Entry acquire(Path canonicalPath) {
    synchronized (GUARD) {
      Entry e = TABLE.computeIfAbsent(canonicalPath, Entry::new);
      e.users++;
      return e;
    }
  }

  /** Unregisters one user; the entry goes when the last user leaves. */
  public static void release(Entry entry) {
    synchronized (GUARD) {
      if (--entry.users == 0) {
        TABLE.remove(entry.path, entry);
      }
    }
  }

  /** How many paths currently have users (for tests). */
  public static int size() {
    synchronized (GUARD) {
      return TABLE.size();
    }
  }
}
