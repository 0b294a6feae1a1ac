package dev.calibration.loader;

import dev.calibration.core.config.ConfigProblem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A reload that did not change the snapshot, as told to {@code onFailure} listeners: the loader
 * kept its last good config.
 *
 * @param source the source's description (a file path, a URL)
 * @param at when the failure happened, on the loader's clock
 * @param code the stable code, e.g. {@code CAL-LOAD-003} (see {@code docs/errors.md})
 * @param message what went wrong, in one or more lines
 * @param problems for an invalid document ({@code CAL-LOAD-003}), every problem found; otherwise
 *     empty
 */
public record LoadFailure(
    String source, Instant at, String code, String message, List<ConfigProblem> problems) {

  /** Checks the fields and copies the list. */
  public LoadFailure {
    Objects.requireNonNull(source, "source must not be null");
    Objects.requireNonNull(at, "at must not be null");
    Objects.requireNonNull(code, "code must not be null");
    Objects.requireNonNull(message, "message must not be null");
    problems = List.copyOf(problems);
  }
}
