package dev.calibration.core.metrics;

/**
 * One bin of a reliability diagram.
 *
 * @param index the bin's position, from 0
 * @param lower the bin's lower edge (exclusive, except for bin 0 where it is inclusive)
 * @param upper the bin's upper edge (inclusive)
 * @param count how many scores fell in the bin
 * @param meanPredicted the mean score in the bin ({@code NaN} when the bin is empty)
 * @param observedRate the share of positive outcomes in the bin ({@code NaN} when empty)
 * @param wilsonLow lower end of the Wilson score 95% interval of the observed rate ({@code NaN}
 *     when empty)
 * @param wilsonHigh upper end of that interval ({@code NaN} when empty)
 */
public record ReliabilityBin(
    int index,
    double lower,
    double upper,
    long count,
    double meanPredicted,
    double observedRate,
    double wilsonLow,
    double wilsonHigh) {}
