package dev.calibration.api;

/**
 * A registry operation was refused or failed. {@link #code()} is a stable error code such as {@code
 * CAL-REG-002}, documented in {@code docs/errors.md}; the message says what was wrong, naming the
 * version, its current state, the file or the lock holder as applicable.
 */
public class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The stable error code. */
  private final String code;

  /** Creates an exception with a stable code and a message; the message is prefixed with it. */
  public RegistryException(String code, String message) {
    super(Checks.notBlank(code, "code") + ": " + Checks.notNull(message, "message"));
    this.code = code;
  }

  /** Creates an exception with a stable code, a message and the failure that caused it. */
  public RegistryException(String code, String message, Throwable cause) {
    super(Checks.notBlank(code, "code") + ": " + Checks.notNull(message, "message"), cause);
    this.code = code;
  }

  /** The stable error code, e.g. {@code CAL-REG-002}. */
  public String code() {
    return code;
  }
}
