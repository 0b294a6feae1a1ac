package dev.calibration.core.propose;

import dev.calibration.core.run.JoinedTarget;
import dev.calibration.core.run.TargetKind;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The joined data of one target in time order, oldest first: what a proposal is built from. It
 * mirrors the run's joined view of a target (primitive arrays, a segment index per row into a list
 * of segment labels such as {@code condition=new}, member predictions with NaN where absent), so
 * that a run result converts to it without copying semantics.
 *
 * <p>The arrays are defensive copies; accessors return copies too.
 */
public final class TargetData {
  private final String target;
  private final TargetKind kind;
  private final double[] predicted;
  private final double[] observed;
  private final long[] timestampsMillis;
  private final int[] segmentIndex;
  private final List<String> segmentLabels;
  private final Map<String, double[]> members;

  private TargetData(
      String target,
      TargetKind kind,
      double[] predicted,
      double[] observed,
      long[] timestampsMillis,
      int[] segmentIndex,
      List<String> segmentLabels,
      Map<String, double[]> members) {
    this.target = target;
    this.kind = kind;
    this.predicted = predicted;
    this.observed = observed;
    this.timestampsMillis = timestampsMillis;
    this.segmentIndex = segmentIndex;
    this.segmentLabels = segmentLabels;
    this.members = members;
  }

  /**
   * Joined data of one target.
   *
   * @param target the target's name
   * @param kind probability or value
   * @param predicted predicted values, time-ordered
   * @param observed observed values, same order
   * @param timestampsMillis prediction times in epoch milliseconds, non-decreasing
   * @param segmentIndex per row, an index into {@code segmentLabels}, or -1 for no segment
   * @param segmentLabels segment labels such as {@code condition=new} ({@code k=v} pairs joined by
   *     commas)
   * @param members member predictions per member name, NaN where a member gave none
   * @return the data
   * @throws IllegalArgumentException when the lengths differ, times go backwards, a segment index
   *     is out of range, or a predicted or observed value is not finite (naming the row)
   */
  public static TargetData of(
      String target,
      TargetKind kind,
      double[] predicted,
      double[] observed,
      long[] timestampsMillis,
      int[] segmentIndex,
      List<String> segmentLabels,
      Map<String, double[]> members) {
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(kind, "kind must not be null");
    int n = predicted.length;
    if (observed.length != n || timestampsMillis.length != n || segmentIndex.length != n) {
      throw new IllegalArgumentException(
          "CAL-PROP-002 target "
              + target
              + ": predicted, observed, timestampsMillis and segmentIndex must have the same length"
              + " but had "
              + n
              + ", "
              + observed.length
              + ", "
              + timestampsMillis.length
              + " and "
              + segmentIndex.length);
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(predicted[i]) || !Double.isFinite(observed[i])) {
        throw new IllegalArgumentException(
            "CAL-PROP-002 target " + target + " row " + i + ": predicted and observed must be finite but were "
                + predicted[i] + " and " + observed[i]);
      }
      if (i > 0 && timestampsMillis[i] < timestampsMillis[i - 1]) {
        throw new IllegalArgumentException(
            "CAL-PROP-002 target " + target + " row " + i + ": rows must be in time order but "
                + timestampsMillis[i] + " < " + timestampsMillis[i - 1]);
      }
      if (segmentIndex[i] < -1 || segmentIndex[i] >= segmentLabels.size()) {
        throw new IllegalArgumentException(
            "CAL-PROP-002 target " + target + " row " + i + ": segment index " + segmentIndex[i]
                + " outside [-1, " + segmentLabels.size() + ")");
      }
    }
    Map<String, double[]> m = new LinkedHashMap<>();
    members.forEach(
        (k, v) -> {
          if (v.length != n) {
            throw new IllegalArgumentException(
                "CAL-PROP-002 target " + target + " member " + k + " has " + v.length + " rows, not " + n);
          }
          m.put(k, v.clone());
        });
    return new TargetData(
        target,
        kind,
        predicted.clone(),
        observed.clone(),
        timestampsMillis.clone(),
        segmentIndex.clone(),
        List.copyOf(segmentLabels),
        Collections.unmodifiableMap(m));
  }

  /**
   * The joined data of a run's target.
   *
   * @param joined the run's joined view of the target
   * @return the data
   */
  public static TargetData of(JoinedTarget joined) {
    return of(
        joined.target(),
        joined.kind(),
        joined.predicted(),
        joined.observed(),
        joined.timestampsMillis(),
        joined.segmentIndex(),
        joined.segmentLabels(),
        joined.members());
  }

  /**
   * Joined data without segments or members.
   *
   * @param target the target's name
   * @param kind probability or value
   * @param predicted predicted values, time-ordered
   * @param observed observed values
   * @param timestampsMillis prediction times in epoch milliseconds, non-decreasing
   * @return the data
   */
  public static TargetData of(
      String target, TargetKind kind, double[] predicted, double[] observed, long[] timestampsMillis) {
    int[] none = new int[predicted.length];
    Arrays.fill(none, -1);
    return of(target, kind, predicted, observed, timestampsMillis, none, List.of(), Map.of());
  }

  /** The target's name. */
  public String target() {
    return target;
  }

  /** The target's kind. */
  public TargetKind kind() {
    return kind;
  }

  /** The number of rows. */
  public int size() {
    return predicted.length;
  }

  /** Predicted values (a copy). */
  public double[] predicted() {
    return predicted.clone();
  }

  /** Observed values (a copy). */
  public double[] observed() {
    return observed.clone();
  }

  /** Prediction times in epoch milliseconds (a copy). */
  public long[] timestampsMillis() {
    return timestampsMillis.clone();
  }

  /** Per row, the index of its segment label, or -1 (a copy). */
  public int[] segmentIndex() {
    return segmentIndex.clone();
  }

  /** The segment labels. */
  public List<String> segmentLabels() {
    return segmentLabels;
  }

  /** The member names, in order. */
  public List<String> memberNames() {
    return List.copyOf(members.keySet());
  }

  /**
   * One member's predictions (a copy), NaN where it gave none.
   *
   * @param member the member's name
   * @return the predictions, or an array of NaN when the member is unknown
   */
  public double[] member(String member) {
    double[] v = members.get(member);
    if (v == null) {
      double[] nan = new double[predicted.length];
      Arrays.fill(nan, Double.NaN);
      return nan;
    }
    return v.clone();
  }

  // package-private views without copies, for the builder
  double[] predictedView() {
    return predicted;
  }

  double[] observedView() {
    return observed;
  }

  long[] timestampsView() {
    return timestampsMillis;
  }

  int[] segmentView() {
    return segmentIndex;
  }
}
