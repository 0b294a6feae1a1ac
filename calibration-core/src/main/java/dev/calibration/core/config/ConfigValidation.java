package dev.calibration.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything found wrong with one config document, all at once.
 *
 * @param source where the document came from (a file path, a URL, {@code "memory"}), for messages
 * @param config the parsed config, or empty when the document could not be parsed
 * @param problems every problem found, errors and warnings, in document order; unmodifiable
 */
public record ConfigValidation(
    String source, Optional<CalibrationConfig> config, List<ConfigProblem> problems) {

  /** Checks the fields and copies the list. */
  public ConfigValidation {
    Objects.requireNonNull(source, "source must not be null");
    Objects.requireNonNull(config, "config must not be null");
    problems = List.copyOf(Objects.requireNonNull(problems, "problems must not be null"));
  }

  /** Whether the document parsed and has no error (it may have warnings). */
  public boolean isValid() {
    return config.isPresent() && errors().isEmpty();
  }

  /** The problems of severity {@code ERROR}. */
  public List<ConfigProblem> errors() {
    return problems.stream()
        .filter(p -> p.severity() == ConfigProblem.Severity.ERROR)
        .collect(Collectors.toUnmodifiableList());
  }

  /** The problems of severity {@code WARNING}. */
  public List<ConfigProblem> warnings() {
    return problems.stream()
        .filter(p -> p.severity() == ConfigProblem.Severity.WARNING)
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The valid config.
   *
   * @throws ConfigException when the document is not valid, listing every error
   */
  public CalibrationConfig orThrow() {
    if (!isValid()) {
      throw new ConfigException(source, errors());
    }
    return config.orElseThrow();
  }

  /** A multi-line report: the source, then one line per problem. */
  public String describe() {
    if (problems.isEmpty()) {
      return source + ": valid";
    }
    StringBuilder sb = new StringBuilder(source).append(": ");
    sb.append(errors().size()).append(" error(s), ").append(warnings().size()).append(" warning(s)");
    for (ConfigProblem p : problems) {
      sb.append(System.lineSeparator()).append("  ").append(p);
    }
    return sb.toString();
  }
}
