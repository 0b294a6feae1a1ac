package dev.calibration.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A config document that cannot be used. The message names the source and lists every error with
 * its JSON path (and, for malformed JSON, the line and column).
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The source name, e.g. a file path. */
  private final String source;

  /** The errors; an unmodifiable list. */
  @SuppressWarnings("serial") // not meant to be serialized: the message carries every problem
  private final List<ConfigProblem> problems;

  /** An exception for {@code source} with these problems (at least one). */
  public ConfigException(String source, List<ConfigProblem> problems) {
    super(message(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  private static String message(String source, List<ConfigProblem> problems) {
    Objects.requireNonNull(source, "source must not be null");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems must not be empty");
    }
    StringBuilder sb = new StringBuilder("invalid calibration config ").append(source);
    sb.append(" (").append(problems.size()).append(" problem(s))");
    for (ConfigProblem p : problems) {
      sb.append(System.lineSeparator()).append("  ").append(p);
    }
    return sb.toString();
  }

  /** Where the document came from. */
  public String source() {
    return source;
  }

  /** Every problem that made the document unusable. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
