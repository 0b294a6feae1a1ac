package dev.calibration.core.outcome;

import java.nio.file.Path;

/**
 * A bad row in an outcome file, read under {@link OutcomeReadPolicy#FAIL}. The message starts with
 * a stable code documented in {@code docs/errors.md} and names the file, line and column.
 */
public final class OutcomeReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String file;
  private final long line;
  private final String column;

  /**
   * Creates the exception.
   *
   * @param code the stable error code, e.g. {@code CAL-OUT-002}
   * @param file the file being read
   * @param line the 1-based line (the header is line 1 in CSV)
   * @param column the column or field at fault (empty when the whole row is at fault)
   * @param reason what was wrong
   */
  public OutcomeReadException(String code, Path file, long line, String column, String reason) {
    super(
        code
            + ": "
            + file
            + ":"
            + line
            + (column.isEmpty() ? "" : " column '" + column + "'")
            + ": "
            + reason);
    this.code = code;
    this.file = file.toString();
    this.line = line;
    this.column = column;
  }

  /** The stable error code. */
  public String code() {
    return code;
  }

  /** The file being read. */
  public String file() {
    return file;
  }

  /** The 1-based line. */
  public long line() {
    return line;
  }

  /** The column or field at fault, or empty. */
  public String column() {
    return column;
  }
}
