package dev.calibration.core.overrides;

/**
 * Applying suggestions to an overrides file was refused: the suggestions or the existing overrides
 * file cannot be read. {@link #code()} is a stable {@code CAL-OVR-0xx} code documented in {@code
 * docs/errors.md}; the message names the file and, where known, the line and field. Loading
 * overrides ({@link FactorOverrides}) never throws this.
 */
public final class OverridesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The stable error code. */
  private final String code;

  OverridesException(String code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  OverridesException(String code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  /** The stable error code, e.g. {@code CAL-OVR-010}. */
  public String code() {
    return code;
  }
}
