package dev.calibration.core.log;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A line of a prediction log that could not be read, under {@link ReadPolicy#FAIL} (or the file
 * itself could not be read). The message names the file, the line number, the byte offset of the
 * line's start, the field when one is at fault, and the stable error code.
 */
public final class LogReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final transient Path file;
  private final long line;
  private final long byteOffset;
  private final @Nullable String field;

  /** An exception for {@code file} at {@code line} (1-based; 0 for the file as a whole). */
  public LogReadException(
      String code,
      Path file,
      long line,
      long byteOffset,
      @Nullable String field,
      String problem,
      @Nullable Throwable cause) {
    super(format(code, file, line, byteOffset, problem), cause);
    this.code = code;
    this.file = file;
    this.line = line;
    this.byteOffset = byteOffset;
    this.field = field;
  }

  static String format(String code, Path file, long line, long byteOffset, String problem) {
    return String.format(
        Locale.ROOT, "%s:%d (byte %d): %s %s", file, line, byteOffset, code, problem);
  }

  /** The stable error code (CAL-LOG-1xx). */
  public String code() {
    return code;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** The 1-based line number, or 0 when the file as a whole failed. */
  public long line() {
    return line;
  }

  /** The byte offset of the line's start in the file. */
  public long byteOffset() {
    return byteOffset;
  }

  /** The field at fault (e.g. {@code values.price}), when one is. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
