package dev.calibration.core.metrics;

/**
 * Betting and trading figures of a probability target, present when stake and payout (or closing
 * probability) columns are mapped. Undefined values are {@code NaN}.
 *
 * @param bets samples with a stake ({@code stake > 0})
 * @param winRate the share of those bets whose outcome is 1
 * @param staked the total stake of those bets
 * @param units units won (positive) or lost (negative): {@code sum (payout_i - stake_i)}, where
 *     payout is the gross amount returned (0 for a lost bet)
 * @param roi return on investment, {@code units / staked}
 * @param clvN samples with a closing probability
 * @param clvMean closing-line value, the mean of {@code closing_i - p_i} in probability points:
 *     positive when the market closed above the prediction
 * @param clvMeanAbsolute the mean of {@code |closing_i - p_i|}
 */
public record TradingMetrics(
    long bets,
    double winRate,
    double staked,
    double units,
    double roi,
    long clvN,
    double clvMean,
    double clvMeanAbsolute) {}
