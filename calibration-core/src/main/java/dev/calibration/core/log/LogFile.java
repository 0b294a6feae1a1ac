package dev.calibration.core.log;

import dev.calibration.core.internal.io.AtomicFiles;
import dev.calibration.core.internal.log.PathLocks;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The file side of the logger: the current segment, its locks, tail repair and rotation. Used by
 * the writer thread only (opened and closed by the logger around it), so it needs no locking of
 * its own beyond the cross-writer locks it takes around each batch.
 *
 * <p>Each batch is written under the JVM-wide {@link PathLocks} lock of the segment and then an
 * exclusive {@link FileLock} on it, at the current end of the file. Under those locks the writer
 * checks that the file ends with {@code '\n'}; if not (a writer died mid-line), it cuts the file back
 * to its last complete line before appending, so a new record is never glued onto a fragment.
 */
final class LogFile implements Closeable {
  private final Path base;
  private final Durability durability;
  private final long rotateAtBytes;
  private final Duration rotateEvery;
  private final Clock clock;
  private final LongConsumer tornCut;
  private final Opener opener;

  private int segment;
  private Path current;
  private FileChannel channel;
  private PathLocks.Entry lockEntry;
  private long expectedEnd = -1;
  private Instant nextRotation;

  LogFile(
      Path base,
      Durability durability,
      long rotateAtBytes,
      Duration rotateEvery,
      Clock clock,
      LongConsumer tornCut,
      Opener opener)
      throws IOException {
    this.opener = opener;
    this.base = base;
    this.durability = durability;
    this.rotateAtBytes = rotateAtBytes;
    this.rotateEvery = rotateEvery;
    this.clock = clock;
    this.tornCut = tornCut;
    this.segment = highestSegment(base);
    this.current = segmentPath(base, segment);
    this.channel = open(current);
    this.lockEntry = PathLocks.acquire(current);
    this.nextRotation = rotateEvery.isZero() ? Instant.MAX : clock.instant().plus(rotateEvery);
    // Repair a torn tail now, so the cut is reported at open rather than at the first write.
    try {
      withLocks(size -> size);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The number of the newest existing segment of {@code base} (0 when only the base exists). */
  static int highestSegment(Path base) {
    int n = 0;
    while (Files.exists(segmentPath(base, n + 1))) {
      n++;
    }
    return n;
  }

  /** The segment path number {@code n}: the base itself for 0, else {@code name.n.ext}. */
  static Path segmentPath(Path base, int n) {
    if (n == 0) {
      return base;
    }
    String name = base.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String numbered =
        dot > 0 ? name.substring(0, dot) + "." + n + name.substring(dot) : name + "." + n;
    return base.resolveSibling(numbered);
  }

  /** The existing segments of {@code base}, oldest first (a base removed by hand is left out). */
  static List<Path> segments(Path base) {
    List<Path> out = new ArrayList<>();
    if (Files.exists(base)) {
      out.add(base);
    }
    for (int n = 1; Files.exists(segmentPath(base, n)); n++) {
      out.add(segmentPath(base, n));
    }
    return out;
  }

  Path current() {
    return current;
  }

  private FileChannel open(Path p) throws IOException {
    boolean existed = Files.exists(p);
    FileChannel ch = opener.open(p);
    if (!existed && durability == Durability.SYNC) {
      ch.force(true);
      Path dir = p.getParent();
      if (dir != null) {
        AtomicFiles.forceDirectory(dir);
      }
    }
    return ch;
  }

  /** Opens a segment for reading and writing, creating it if needed; replaced only by tests. */
  interface Opener {
    Opener DEFAULT =
        p ->
            FileChannel.open(
                p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

    FileChannel open(Path p) throws IOException;
  }

  /** What to do with the file under the locks, given its (repaired) size; returns the new end. */
  private interface Locked {
    long apply(long size) throws IOException;
  }

  private void withLocks(Locked action) throws IOException {
    lockEntry.lock().lock();
    try {
      FileLock fileLock = channel.lock();
      try {
        long size = channel.size();
        if (size != expectedEnd) {
          size = repairTail(size);
        }
        expectedEnd = action.apply(size);
      } finally {
        fileLock.release();
      }
    } finally {
      lockEntry.lock().unlock();
    }
  }

  /** Cuts a torn last line off; returns the size after the cut. Caller holds the locks. */
  private long repairTail(long size) throws IOException {
    if (size == 0) {
      return 0;
    }
    ByteBuffer one = ByteBuffer.allocate(8192);
    long end = size;
    while (end > 0) {
      int n = (int) Math.min(one.capacity(), end);
      one.clear().limit(n);
      long from = end - n;
      while (one.hasRemaining()) {
        if (channel.read(one, from + one.position()) < 0) {
          throw new IOException("file shrank while reading its tail: " + current);
        }
      }
      if (end == size && one.get(n - 1) == '\n') {
        return size; // the common case: the file ends with a complete line
      }
      for (int i = n - 1; i >= 0; i--) {
        if (one.get(i) == '\n') {
          long keep = from + i + 1;
          cut(size, keep);
          return keep;
        }
      }
      end = from;
    }
    cut(size, 0);
    return 0;
  }

  private void cut(long size, long keep) throws IOException {
    channel.truncate(keep);
    channel.force(false);
    tornCut.accept(size - keep);
  }

  /** Appends the buffers (all of their remaining bytes, {@code bytes} in total) as one batch. */
  void write(ByteBuffer[] bufs, int count, long bytes) throws IOException {
    while (true) {
      followRotation();
      boolean[] rotate = {false};
      withLocks(
          size -> {
            if (rotateAtBytes > 0 && size > 0 && size + bytes > rotateAtBytes) {
              rotate[0] = true;
              return size;
            }
            channel.position(size);
            try {
              long written = 0;
              while (written < bytes) {
                written += channel.write(bufs, 0, count);
              }
            } catch (IOException e) {
              // Leave no fragment behind: the batch is retried whole later.
              try {
                channel.truncate(size);
              } catch (IOException again) {
                e.addSuppressed(again);
              }
              throw e;
            }
            return size + bytes;
          });
      if (!rotate[0]) {
        return;
      }
      switchTo(segment + 1);
    }
  }

  /** Moves on when the time is up, or when another writer has already started a newer segment. */
  private void followRotation() throws IOException {
    if (rotateAtBytes <= 0 && rotateEvery.isZero()) {
      return;
    }
    int target = segment;
    while (Files.exists(segmentPath(base, target + 1))) {
      target++;
    }
    Instant now = clock.instant();
    if (!now.isBefore(nextRotation)) {
      while (!now.isBefore(nextRotation)) {
        nextRotation = nextRotation.plus(rotateEvery);
      }
      if (target == segment && channel.size() > 0) {
        target++;
      }
    }
    if (target != segment) {
      switchTo(target);
    }
  }

  private void switchTo(int n) throws IOException {
    Path next = segmentPath(base, n);
    FileChannel ch = open(next);
    PathLocks.Entry entry = PathLocks.acquire(next);
    FileChannel old = channel;
    PathLocks.Entry oldEntry = lockEntry;
    channel = ch;
    lockEntry = entry;
    current = next;
    segment = n;
    expectedEnd = -1;
    PathLocks.release(oldEntry);
    old.close();
  }

  void force() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    PathLocks.release(lockEntry);
    channel.close();
  }
}
