package dev.calibration.core.internal.run;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The join's result in primitive columns: counts, and per target the joined samples in time order.
 * Arrays are owned by this object and handed to the run's value types without copying.
 */
public final class JoinOutput {
  /** The segment label when no segment keys are given. */
  public static final String ALL = "all";
  /** The label of an absent segment value, model version or calibration version. */
  public static final String NONE = "(none)";

  /** Counts, in the order of {@code dev.calibration.core.run.JoinCounts}. */
  public long predictionsRead;
  /** Bad prediction lines skipped. */
  public long predictionsSkipped;
  /** Torn last lines ignored. */
  public long predictionsTruncated;
  /** Duplicate prediction ids. */
  public long duplicatePredictions;
  /** Outcome records read. */
  public long outcomesRead;
  /** Bad outcome rows skipped. */
  public long outcomesSkipped;
  /** Non-numeric outcome cells. */
  public long outcomeNonNumeric;
  /** Duplicate outcome ids. */
  public long duplicateOutcomes;
  /** Distinct outcome ids without a prediction. */
  public long orphanOutcomes;
  /** Predictions without an outcome. */
  public long pending;
  /** VOID outcomes. */
  public long voided;
  /** PUSH outcomes. */
  public long pushed;
  /** SETTLED outcomes. */
  public long settled;
  /** The first problems met. */
  public List<String> problems = List.of();
  /** Per target, in mapping order. */
  public List<Target> targets = List.of();

  /** One target's joined samples and counts. */
  public static final class Target {
    /** The prediction target. */
    public String name = "";
    /** Whether it is a probability target (given or inferred). */
    public boolean probability;
    /** Joined samples. */
    public double[] predicted = new double[0];
    /** Observed outcomes. */
    public double[] observed = new double[0];
    /** Prediction timestamps, epoch milliseconds, non-decreasing. */
    public long[] ts = new long[0];
    /** Segment label index per sample. */
    public int[] segment = new int[0];
    /** Segment labels. */
    public List<String> segmentLabels = List.of();
    /** Model version index per sample. */
    public int[] modelVersion = new int[0];
    /** Model version labels. */
    public List<String> modelVersionLabels = List.of();
    /** Calibration version index per sample. */
    public int[] calibrationVersion = new int[0];
    /** Calibration version labels. */
    public List<String> calibrationVersionLabels = List.of();
    /** Member predictions per member name (NaN where absent). */
    public Map<String, double[]> members = Map.of();
    /** Stakes, if mapped. */
    public double @Nullable [] stake;
    /** Payouts, if mapped. */
    public double @Nullable [] payout;
    /** Closing probabilities, if mapped. */
    public double @Nullable [] closing;
    /** Settled samples with no predicted value for the target. */
    public long missingPrediction;
    /** Settled samples with no usable outcome value. */
    public long missingOrNonNumeric;
    /** Settled samples out of range. */
    public long outOfRange;
  }
}
