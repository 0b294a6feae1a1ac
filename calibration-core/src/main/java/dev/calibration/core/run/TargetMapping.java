package dev.calibration.core.run;

import java.util.Objects;
import java.util.Optional;

/**
 * Maps a prediction target to the outcome column it is judged against, e.g. {@code
 * sell_p60=sold_60d} (a probability target with a 0/1 outcome) or {@code price=realized_price} (a
 * value target).
 *
 * <p>The kind is given ({@code sell_p60=sold_60d:probability}) or inferred by the run: a target is
 * a probability target when every joined, settled outcome value is 0 or 1 and every joined
 * prediction lies in [0, 1]; otherwise a value target. For betting and trading hosts a probability
 * target can name stake, payout and closing-probability outcome columns.
 *
 * @param target the prediction target name (a key of the prediction's {@code values})
 * @param outcomeColumn the outcome column holding the observed value
 * @param kind the kind, if given; inferred by the run otherwise
 * @param stakeColumn the outcome column with the amount staked, if any
 * @param payoutColumn the outcome column with the gross amount returned (0 when lost), if any
 * @param closingColumn the outcome column with the closing (market) probability, if any
 */
public record TargetMapping(
    String target,
    String outcomeColumn,
    Optional<TargetKind> kind,
    Optional<String> stakeColumn,
    Optional<String> payoutColumn,
    Optional<String> closingColumn) {

  /** Checks every field. */
  public TargetMapping {
    name(target, "target");
    name(outcomeColumn, "outcomeColumn");
    Objects.requireNonNull(kind, "kind must not be null");
    Objects.requireNonNull(stakeColumn, "stakeColumn must not be null");
    Objects.requireNonNull(payoutColumn, "payoutColumn must not be null");
    Objects.requireNonNull(closingColumn, "closingColumn must not be null");
    stakeColumn.ifPresent(c -> name(c, "stakeColumn"));
    payoutColumn.ifPresent(c -> name(c, "payoutColumn"));
    closingColumn.ifPresent(c -> name(c, "closingColumn"));
    if (payoutColumn.isPresent() && stakeColumn.isEmpty()) {
      throw new IllegalArgumentException(
          "payoutColumn needs a stakeColumn too but only payout '" + payoutColumn.get() + "' was given");
    }
  }

  /** A mapping with an inferred kind and no trading columns. */
  public static TargetMapping of(String target, String outcomeColumn) {
    return new TargetMapping(
        target, outcomeColumn, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Parses {@code target=column} or {@code target=column:probability} / {@code :value}.
   *
   * @throws IllegalArgumentException naming the text when it has another shape
   */
  public static TargetMapping parse(String text) {
    Objects.requireNonNull(text, "target mapping must not be null");
    int eq = text.indexOf('=');
    if (eq <= 0 || eq == text.length() - 1 || text.indexOf('=', eq + 1) >= 0) {
      throw new IllegalArgumentException(
          "target mapping must look like 'prediction_target=outcome_column[:probability|:value]'"
              + " but was '"
              + text
              + "'");
    }
    String target = text.substring(0, eq).strip();
    String column = text.substring(eq + 1).strip();
    Optional<TargetKind> kind = Optional.empty();
    int colon = column.lastIndexOf(':');
    if (colon >= 0) {
      String k = column.substring(colon + 1).strip();
      column = column.substring(0, colon).strip();
      if (k.equalsIgnoreCase("probability")) {
        kind = Optional.of(TargetKind.PROBABILITY);
      } else if (k.equalsIgnoreCase("value")) {
        kind = Optional.of(TargetKind.VALUE);
      } else {
        throw new IllegalArgumentException(
            "target kind must be 'probability' or 'value' but was '" + k + "' in '" + text + "'");
      }
    }
    return new TargetMapping(
        target, column, kind, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This mapping with the kind given. */
  public TargetMapping withKind(TargetKind kind) {
    return new TargetMapping(
        target, outcomeColumn, Optional.of(kind), stakeColumn, payoutColumn, closingColumn);
  }

  /** This mapping with stake and payout columns (units won and ROI). */
  public TargetMapping withStake(String stakeColumn, String payoutColumn) {
    return new TargetMapping(
        target,
        outcomeColumn,
        kind,
        Optional.of(stakeColumn),
        Optional.of(payoutColumn),
        closingColumn);
  }

  /** This mapping with a closing-probability column (closing-line value). */
  public TargetMapping withClosing(String closingColumn) {
    return new TargetMapping(
        target, outcomeColumn, kind, stakeColumn, payoutColumn, Optional.of(closingColumn));
  }

  /** {@code target=column[:kind]}, the text {@link #parse} reads. */
  @Override
  public String toString() {
    return target
        + "="
        + outcomeColumn
        + kind.map(k -> ":" + k.name().toLowerCase(java.util.Locale.ROOT)).orElse("");
  }

  private static void name(String value, String what) {
    Objects.requireNonNull(value, () -> what + " must not be null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}
