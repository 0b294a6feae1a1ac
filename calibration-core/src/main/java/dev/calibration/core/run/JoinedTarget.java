package dev.calibration.core.run;

import dev.calibration.core.internal.run.JoinOutput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The joined samples of one target in time order (by prediction timestamp, ties in log order): what
 * calibrators are fitted on. Each sample is a settled prediction with a usable outcome.
 *
 * <p>Immutable: every array accessor returns a fresh copy, so hold on to it rather than calling it
 * in a loop; {@link #predicted(int)} and friends read one sample without copying.
 */
public final class JoinedTarget {
  private final String target;
  private final TargetKind kind;
  private final JoinOutput.Target data;

  JoinedTarget(String target, TargetKind kind, JoinOutput.Target data) {
    this.target = target;
    this.kind = kind;
    this.data = data;
  }

  /** The prediction target. */
  public String target() {
    return target;
  }

  /** The target's kind, given or inferred. */
  public TargetKind kind() {
    return kind;
  }

  /** The number of samples. */
  public int size() {
    return data.predicted.length;
  }

  /** The predicted values (probabilities for a probability target), a copy. */
  public double[] predicted() {
    return data.predicted.clone();
  }

  /** The observed outcomes (0 or 1 for a probability target), a copy. */
  public double[] observed() {
    return data.observed.clone();
  }

  /** The prediction timestamps in epoch milliseconds, non-decreasing, a copy. */
  public long[] timestampsMillis() {
    return data.ts.clone();
  }

  /** Each sample's index into {@link #segmentLabels()}, a copy. */
  public int[] segmentIndex() {
    return data.segment.clone();
  }

  /**
   * The segment labels: {@code key=value} pairs of the run's segment keys joined by commas (e.g.
   * {@code condition=new}), {@code key=(none)} where a prediction lacks the key, or {@code all} when
   * the run has no segment keys.
   */
  public List<String> segmentLabels() {
    return data.segmentLabels;
  }

  /** Each sample's index into {@link #modelVersionLabels()}, a copy. */
  public int[] modelVersionIndex() {
    return data.modelVersion.clone();
  }

  /** The model versions seen ({@code (none)} when a prediction has none). */
  public List<String> modelVersionLabels() {
    return data.modelVersionLabels;
  }

  /** Each sample's index into {@link #calibrationVersionLabels()}, a copy. */
  public int[] calibrationVersionIndex() {
    return data.calibrationVersion.clone();
  }

  /** The calibration versions seen ({@code (none)} when a prediction has none). */
  public List<String> calibrationVersionLabels() {
    return data.calibrationVersionLabels;
  }

  /** Ensemble members' predictions by member name, NaN where a sample lacks the member; copies. */
  public Map<String, double[]> members() {
    Map<String, double[]> m = new LinkedHashMap<>();
    data.members.forEach((k, v) -> m.put(k, v.clone()));
    return Collections.unmodifiableMap(m);
  }

  /** The predicted value of sample i. */
  public double predicted(int i) {
    return data.predicted[i];
  }

  /** The observed outcome of sample i. */
  public double observed(int i) {
    return data.observed[i];
  }

  /** The prediction timestamp of sample i, epoch milliseconds. */
  public long timestampMillis(int i) {
    return data.ts[i];
  }

  /** The segment label of sample i. */
  public String segmentOf(int i) {
    return data.segmentLabels.get(data.segment[i]);
  }

  JoinOutput.Target data() {
    return data;
  }
}
