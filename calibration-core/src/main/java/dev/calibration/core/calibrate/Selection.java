package dev.calibration.core.calibrate;

import dev.calibration.api.Calibrator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The outcome of {@link CalibrationMethods#select}: the chosen method, its calibrator refitted on all
 * the data, and every candidate's holdout score, so that a report can show why.
 *
 * @param chosen the name of the winning method
 * @param calibrator the winner refitted on all the data
 * @param scores every candidate, in the order given, with its holdout score or why it failed
 * @param options the options the selection ran with
 * @param trainSize points the candidates were fitted on (the oldest ones)
 * @param holdoutSize points they were scored on (the most recent ones)
 */
public record Selection(
    String chosen,
    Calibrator calibrator,
    List<CandidateScore> scores,
    SelectionOptions options,
    int trainSize,
    int holdoutSize) {

  /** Copies the list. */
  public Selection {
    Objects.requireNonNull(chosen, "chosen must not be null");
    Objects.requireNonNull(calibrator, "calibrator must not be null");
    scores = List.copyOf(scores);
    Objects.requireNonNull(options, "options must not be null");
  }

  /** The holdout score of {@code method}, empty when it was not a candidate or failed to fit. */
  public OptionalDouble score(String method) {
    for (CandidateScore s : scores) {
      if (s.method().equals(method) && s.failure().isEmpty()) {
        return OptionalDouble.of(s.score());
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * One candidate's result.
   *
   * @param method the method name
   * @param score its loss on the holdout (NaN when it failed)
   * @param parameterCount how many numbers its fitted calibrator has (-1 when it failed); fewer
   *     wins a tie
   * @param failure why fitting or scoring failed, empty when it succeeded
   */
  public record CandidateScore(
      String method, double score, int parameterCount, Optional<String> failure) {
    /** Checks the values. */
    public CandidateScore {
      Objects.requireNonNull(method, "method must not be null");
      Objects.requireNonNull(failure, "failure must not be null");
    }
  }
}
