package dev.calibration.loader;

import dev.calibration.core.config.ConfigProblem;
import java.util.List;

/**
 * Thrown by {@link CalibrationLoader.Builder#build()} when the loader is set to fail fast and the
 * config at start-up cannot be used. The message names the source, the code and every problem.
 */
public final class CalibrationLoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  @SuppressWarnings("serial") // not meant to be serialized: the message carries every problem
  private final List<ConfigProblem> problems;

  CalibrationLoadException(LoadFailure failure) {
    super(
        "CAL-LOAD-007 cannot start: "
            + failure.code()
            + " cannot load calibration config "
            + failure.source()
            + ": "
            + failure.message());
    this.code = failure.code();
    this.problems = failure.problems();
  }

  /** The code of the underlying failure, e.g. {@code CAL-LOAD-003}. */
  public String code() {
    return code;
  }

  /** For an invalid document, every problem found; otherwise empty. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
