package dev.calibration.core.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader sees either the old content or the new, never a mix.
 *
 * <p>The protocol: write a temporary file in the target's own directory, force it to storage,
 * rename it over the target atomically, then force the directory so the rename itself survives a
 * crash. A failure at any step leaves the previous target untouched and removes the temporary file.
 */
public final class AtomicFiles {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private AtomicFiles() {}

  /** Atomically replaces (or creates) {@code target} with {@code content}. */
  public static void write(Path target, byte[] content) throws IOException {
    Path dir = parentOf(target);
    Files.createDirectories(dir);
    Path tmp =
        dir.resolve(
            "."
                + target.getFileName()
                + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(
            "cannot replace " + target + " atomically: the file system does not support it", e);
      }
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes {@code content} atomically to a new file {@code prefix_YYYYMMDD_HHMMSS.json} (UTC) in
   * {@code dir}, never replacing an existing file: when the name is taken, a suffix {@code _1},
   * {@code _2}, ... is added. Returns the path written.
   */
  public static Path writeTimestamped(Path dir, String prefix, Instant when, byte[] content)
      throws IOException {
    Files.createDirectories(dir);
    String base = prefix + "_" + STAMP.format(when);
    for (int suffix = 0; ; suffix++) {
      Path candidate = dir.resolve(base + (suffix == 0 ? "" : "_" + suffix) + ".json");
      Path reservation = dir.resolve("." + candidate.getFileName() + ".reserved");
      try {
        Files.createFile(reservation); // claims the name against concurrent writers
      } catch (java.nio.file.FileAlreadyExistsException taken) {
        continue;
      }
      try {
        if (Files.exists(candidate)) {
          continue;
        }
        write(candidate, content);
        return candidate;
      } finally {
        Files.deleteIfExists(reservation);
      }
    }
  }

  /** Forces a directory's entries to storage, where the platform allows opening a directory. */
  public static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
      if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
        throw e;
      }
    }
  }

  private static Path parentOf(Path target) {
    Path abs = target.toAbsolutePath();
    Path parent = abs.getParent();
    if (parent == null) {
      throw new IllegalArgumentException("target has no parent directory: " + target);
    }
    return parent;
  }
}
