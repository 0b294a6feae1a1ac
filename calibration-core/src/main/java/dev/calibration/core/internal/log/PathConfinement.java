package dev.calibration.core.internal.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves a requested file path under a base directory and refuses any that would escape it:
 * {@code ..} segments that climb out, absolute paths elsewhere, and symbolic links (anywhere on the
 * path, including a dangling one at the end) whose target lies outside.
 *
 * <p>The check resolves the nearest existing ancestor with {@link Path#toRealPath} and requires it
 * to lie inside the base's real path; the rest of the path does not exist yet and, being
 * normalized, contains no {@code ..}. A link created after the check is the caller's race to lose:
 * confinement protects against configuration mistakes and hostile names, not a hostile local user.
 */
public final class PathConfinement {
  /** The error code of a refused path. */
  public static final String CODE = "CAL-LOG-001";

  private PathConfinement() {}

  /**
   * The canonical path of {@code requested} (relative paths resolve against {@code base}).
   *
   * @throws IllegalArgumentException if the path escapes {@code base}, naming both
   * @throws IOException if {@code base} does not exist or cannot be resolved
   */
  public static Path confine(Path base, Path requested) throws IOException {
    Path baseReal = base.toRealPath();
    Path baseAbs = base.toAbsolutePath().normalize();
    Path candidate =
        requested.isAbsolute() ? requested.normalize() : baseAbs.resolve(requested).normalize();
    if (!candidate.startsWith(baseAbs) && !candidate.startsWith(baseReal)) {
      throw refused(base, requested, "it lies outside the base directory");
    }
    Path existing = candidate;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw refused(base, requested, "no part of it exists");
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      throw refused(base, requested, existing + " is a link that cannot be resolved");
    }
    if (!real.startsWith(baseReal)) {
      throw refused(base, requested, existing + " resolves to " + real + ", outside the base");
    }
    return real.resolve(existing.relativize(candidate));
  }

  private static IllegalArgumentException refused(Path base, Path requested, String why) {
    return new IllegalArgumentException(
        CODE + ": log path '" + requested + "' escapes base directory '" + base + "': " + why);
  }

  /**
   * The canonical path of {@code file} without confinement: its parent directories are created and
   * resolved, and the file itself too if it exists (so a link is followed once, here).
   */
  public static Path canonical(Path file) throws IOException {
    Path abs = file.toAbsolutePath().normalize();
    if (Files.exists(abs)) {
      return abs.toRealPath();
    }
    Path parent = abs.getParent();
    if (parent == null) {
      return abs;
    }
    Files.createDirectories(parent);
    return parent.toRealPath().resolve(abs.getFileName());
  }
}
