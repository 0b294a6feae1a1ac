package dev.calibration.core.metrics;

/**
 * Accuracy of a value target (a predicted price, a predicted quantity) over {@code n} joined
 * samples with predictions {@code p_i} and observations {@code o_i}. Undefined values are {@code
 * NaN} (written as JSON {@code null}).
 *
 * @param n the number of samples
 * @param mae mean absolute error, {@code sum |p_i - o_i| / n}
 * @param rmse root mean squared error, {@code sqrt(sum (p_i - o_i)^2 / n)}
 * @param bias mean predicted minus observed, {@code sum (p_i - o_i) / n}; positive means
 *     over-prediction
 * @param mape mean absolute percentage error as a fraction, {@code sum |p_i - o_i| / |o_i|} over
 *     the {@code mapeN} samples with {@code o_i != 0}, divided by {@code mapeN}; {@code NaN} when
 *     {@code mapeN == 0}
 * @param mapeN the number of samples MAPE is defined on ({@code o_i != 0})
 * @param sumRatio {@code sum o_i / sum p_i}: how much was realised per unit predicted in total
 *     ({@code NaN} when {@code sum p_i == 0})
 * @param medianRatio the median of {@code o_i / p_i} over the {@code ratioN} samples with {@code
 *     p_i != 0} (the mean of the two middle values when {@code ratioN} is even); {@code NaN} when
 *     {@code ratioN == 0}
 * @param ratioN the number of samples with {@code p_i != 0}
 */
public record ValueMetrics(
    long n,
    double mae,
    double rmse,
    double bias,
    double mape,
    long mapeN,
    double sumRatio,
    double medianRatio,
    long ratioN)
    implements TargetMetrics {}
