package dev.calibration.core.run;

/**
 * The run could not read its input: a bad prediction line or outcome row under the FAIL policy, or
 * an unreadable file. The message starts with a stable code documented in {@code docs/errors.md}
 * and names the file, line and field.
 */
public final class CalibrationRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String file;
  private final long line;
  private final String field;

  /**
   * Creates the exception.
   *
   * @param code the stable error code, e.g. {@code CAL-RUN-002}
   * @param file the file (or source description) being read
   * @param line the 1-based line, or 0 when not about one line
   * @param field the field or column at fault, or empty
   * @param reason what was wrong
   * @param cause the underlying failure, if any
   */
  public CalibrationRunException(
      String code,
      String file,
      long line,
      String field,
      String reason,
      @org.jspecify.annotations.Nullable Throwable cause) {
    super(
        code
            + ": "
            + file
            + (line > 0 ? ":" + line : "")
            + (field.isEmpty() ? "" : " field '" + field + "'")
            + ": "
            + reason,
        cause);
    this.code = code;
    this.file = file;
    this.line = line;
    this.field = field;
  }

  /** The stable error code. */
  public String code() {
    return code;
  }

  /** The file or source being read. */
  public String file() {
    return file;
  }

  /** The 1-based line, or 0. */
  public long line() {
    return line;
  }

  /** The field or column at fault, or empty. */
  public String field() {
    return field;
  }
}
