package dev.calibration.core.log;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The logger could not do what was asked: a {@code flush()} or {@code sync()} whose batch failed
 * or timed out, or (only with {@link FaultPolicy#FAIL_FAST}) a {@code log()} that could not take
 * the record. The message starts with the stable error code.
 */
public final class LogWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final transient Path file;

  /** An exception with the given code, file and message. */
  public LogWriteException(String code, Path file, String message, @Nullable Throwable cause) {
    super(code + ": " + message + " (" + file + ")", cause);
    this.code = code;
    this.file = file;
  }

  /** The stable error code. */
  public String code() {
    return code;
  }

  /** The log file concerned. */
  public Path file() {
    return file;
  }
}
