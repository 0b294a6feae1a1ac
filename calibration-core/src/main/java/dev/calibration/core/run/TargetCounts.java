package dev.calibration.core.run;

/**
 * How the settled predictions of one target fared in the join.
 *
 * @param target the prediction target
 * @param joined samples used for the metrics: settled, with a prediction and a usable outcome
 * @param missingPrediction settled samples whose prediction has no value for the target
 * @param missingOrNonNumeric settled samples whose outcome has no numeric value in the mapped
 *     column (absent, empty or not a number)
 * @param outOfRange settled samples with a value out of range: for a probability target, an
 *     outcome other than 0 or 1 or a prediction outside [0, 1]
 */
public record TargetCounts(
    String target, long joined, long missingPrediction, long missingOrNonNumeric, long outOfRange) {}
