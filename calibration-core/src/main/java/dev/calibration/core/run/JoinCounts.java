package dev.calibration.core.run;

import java.util.List;
import java.util.Map;

/**
 * Every count of the join, so that nothing is dropped silently.
 *
 * <p>Predictions: {@code predictionsRead} = distinct ids + {@code duplicatePredictions}; the first
 * logged prediction of an id is the official one. Of the distinct ids, {@code pending} have no
 * outcome yet, {@code voided} and {@code pushed} settled as VOID and PUSH (excluded from metrics),
 * and {@code settled} settled normally. Outcomes: {@code outcomesRead} = distinct ids + {@code
 * duplicateOutcomes}; the last outcome of an id wins; {@code orphanOutcomes} distinct ids have no
 * prediction.
 *
 * @param predictionsRead prediction records read (after skipped lines)
 * @param predictionsSkipped bad prediction lines skipped under the SKIP policy
 * @param predictionsTruncated a torn last line (a crash mid-write) ignored
 * @param duplicatePredictions prediction records whose id was already logged (ignored)
 * @param outcomesRead outcome records read
 * @param outcomesSkipped bad outcome rows skipped under the SKIP policy
 * @param outcomeNonNumeric outcome cells that were not numbers (left out of their outcome)
 * @param duplicateOutcomes outcome records whose id already had an outcome (the later one wins)
 * @param orphanOutcomes distinct outcome ids with no prediction
 * @param pending distinct predictions without an outcome yet
 * @param voided distinct predictions whose outcome is VOID
 * @param pushed distinct predictions whose outcome is PUSH
 * @param settled distinct predictions whose outcome is SETTLED
 * @param targets per target: joined samples and why the others were not used
 * @param problems the first problems met while reading, each naming file, line and field
 */
public record JoinCounts(
    long predictionsRead,
    long predictionsSkipped,
    long predictionsTruncated,
    long duplicatePredictions,
    long outcomesRead,
    long outcomesSkipped,
    long outcomeNonNumeric,
    long duplicateOutcomes,
    long orphanOutcomes,
    long pending,
    long voided,
    long pushed,
    long settled,
    Map<String, TargetCounts> targets,
    List<String> problems) {

  /** Copies the collections. */
  public JoinCounts {
    targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
    problems = List.copyOf(problems);
  }

  /** Distinct prediction ids. */
  public long distinctPredictions() {
    return predictionsRead - duplicatePredictions;
  }
}
