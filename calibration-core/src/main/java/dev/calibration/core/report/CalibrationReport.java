package dev.calibration.core.report;

import dev.calibration.api.Calibrator;
import dev.calibration.core.propose.FactorSuggestion;
import dev.calibration.core.propose.GateReport;
import dev.calibration.core.propose.WeightAdjustment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a report shows, as plain values: the data summary, one section per target (metrics
 * before and after, reliability bins, the calibration mapping, ECE over time, per-segment rows),
 * weight and factor changes, the safety checks, the rationale and the commands to act on it.
 * {@link ReportWriter} renders it as Markdown, JSON or HTML.
 *
 * @param title the report's title
 * @param subjectId the id of the run or version reported on, used in the commands
 * @param generatedAt when the report was made
 * @param data the data summary
 * @param targets one section per target
 * @param weights weight adjustments, one per ensemble
 * @param factors factor suggestions
 * @param gates the safety checks and risk
 * @param rationale lines saying why the change is proposed
 */
public record CalibrationReport(
    String title,
    String subjectId,
    Instant generatedAt,
    DataSummary data,
    List<TargetSection> targets,
    List<WeightAdjustment> weights,
    List<FactorSuggestion> factors,
    GateReport gates,
    List<String> rationale) {

  /** Copies the lists. */
  public CalibrationReport {
    Objects.requireNonNull(title, "title must not be null");
    Objects.requireNonNull(subjectId, "subjectId must not be null");
    Objects.requireNonNull(generatedAt, "generatedAt must not be null");
    Objects.requireNonNull(data, "data must not be null");
    targets = List.copyOf(targets);
    weights = List.copyOf(weights);
    factors = List.copyOf(factors);
    Objects.requireNonNull(gates, "gates must not be null");
    rationale = List.copyOf(rationale);
  }

  /** The command that approves the reported version. */
  public String approveCommand() {
    return "calibration approve " + subjectId + " --by \"<your name>\" --reason \"<why>\"";
  }

  /** The command that rejects the reported version. */
  public String rejectCommand() {
    return "calibration reject " + subjectId + " --by \"<your name>\" --reason \"<why>\"";
  }

  /** The command that rolls back to the previously active version. */
  public String rollbackCommand() {
    return "calibration rollback";
  }

  /**
   * Counts describing the data of the run.
   *
   * @param counts labelled counts in display order, e.g. {@code "predictions read" -> 5000}
   * @param from the earliest prediction time, if known
   * @param to the latest prediction time, if known
   */
  public record DataSummary(Map<String, Long> counts, Optional<Instant> from, Optional<Instant> to) {
    /** Copies the map. */
    public DataSummary {
      counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
      Objects.requireNonNull(from, "from must not be null");
      Objects.requireNonNull(to, "to must not be null");
    }

    /** The span from the earliest to the latest prediction, zero when unknown. */
    public Duration span() {
      return from.isPresent() && to.isPresent() ? Duration.between(from.get(), to.get()) : Duration.ZERO;
    }
  }

  /**
   * One target's section.
   *
   * @param target the target, e.g. {@code "sell_p60"}
   * @param kind {@code "probability"} or {@code "value"}
   * @param method the calibration method chosen, or {@code "none"}
   * @param metricsBefore metrics of the raw predictions on the holdout, by name
   * @param metricsAfter metrics of the calibrated predictions on the holdout, by name
   * @param binsBefore reliability bins of the raw predictions (empty for value targets)
   * @param binsAfter reliability bins of the calibrated predictions (empty for value targets)
   * @param mapping the calibration mapping at 0.05, 0.10, ..., 0.95 (empty without a calibrator)
   * @param eceOverTime ECE per period, oldest first (empty when not computed)
   * @param segments per-segment rows
   */
  public record TargetSection(
      String target,
      String kind,
      String method,
      Map<String, Double> metricsBefore,
      Map<String, Double> metricsAfter,
      List<Bin> binsBefore,
      List<Bin> binsAfter,
      List<MappingRow> mapping,
      List<EcePoint> eceOverTime,
      List<SegmentRow> segments) {
    /** Copies the collections. */
    public TargetSection {
      Objects.requireNonNull(target, "target must not be null");
      Objects.requireNonNull(kind, "kind must not be null");
      Objects.requireNonNull(method, "method must not be null");
      metricsBefore = Collections.unmodifiableMap(new LinkedHashMap<>(metricsBefore));
      metricsAfter = Collections.unmodifiableMap(new LinkedHashMap<>(metricsAfter));
      binsBefore = List.copyOf(binsBefore);
      binsAfter = List.copyOf(binsAfter);
      mapping = List.copyOf(mapping);
      eceOverTime = List.copyOf(eceOverTime);
      segments = List.copyOf(segments);
    }
  }

  /**
   * One reliability bin.
   *
   * @param lower the bin's lower edge
   * @param upper the bin's upper edge
   * @param count the number of samples in the bin
   * @param meanPredicted their mean predicted probability (NaN when empty)
   * @param meanObserved their observed frequency (NaN when empty)
   */
  public record Bin(double lower, double upper, long count, double meanPredicted, double meanObserved) {

    /**
     * The 95% Wilson score interval of the observed frequency.
     *
     * @return {@code {low, high}}, or {@code {NaN, NaN}} for an empty bin
     */
    public double[] wilson95() {
      if (count <= 0) {
        return new double[] {Double.NaN, Double.NaN};
      }
      double z = 1.959963984540054;
      double n = count;
      double p = Math.min(1, Math.max(0, meanObserved));
      double z2 = z * z;
      double denom = 1 + z2 / n;
      double centre = (p + z2 / (2 * n)) / denom;
      double half = z / denom * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
      return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * Equal-width bins over [0, 1] of predicted probabilities and 0/1 outcomes. A prediction of
     * exactly 1 falls in the last bin; non-finite pairs are left out.
     *
     * @param predicted predicted probabilities
     * @param observed observed outcomes in [0, 1]
     * @param bins the number of bins, {@code >= 1}
     * @return the bins, empty ones included
     */
    public static List<Bin> equalWidth(double[] predicted, double[] observed, int bins) {
      if (bins < 1) {
        throw new IllegalArgumentException("bins must be >= 1 but was " + bins);
      }
      if (predicted.length != observed.length) {
        throw new IllegalArgumentException(
            "predicted and observed must have the same length but had "
                + predicted.length
                + " and "
                + observed.length);
      }
      long[] n = new long[bins];
      double[] sp = new double[bins];
      double[] so = new double[bins];
      for (int i = 0; i < predicted.length; i++) {
        double p = predicted[i];
        if (!Double.isFinite(p) || !Double.isFinite(observed[i])) {
          continue;
        }
        int b = (int) Math.floor(Math.min(1, Math.max(0, p)) * bins);
        b = Math.min(b, bins - 1);
        n[b]++;
        sp[b] += p;
        so[b] += observed[i];
      }
      List<Bin> out = new ArrayList<>(bins);
      for (int b = 0; b < bins; b++) {
        out.add(
            new Bin(
                (double) b / bins,
                (double) (b + 1) / bins,
                n[b],
                n[b] == 0 ? Double.NaN : sp[b] / n[b],
                n[b] == 0 ? Double.NaN : so[b] / n[b]));
      }
      return out;
    }
  }

  /**
   * One row of the mapping table.
   *
   * @param predicted the raw prediction
   * @param calibrated the calibrated value
   */
  public record MappingRow(double predicted, double calibrated) {
    /** {@code calibrated - predicted}. */
    public double adjustment() {
      return calibrated - predicted;
    }

    /**
     * The mapping of a calibrator at 0.05, 0.10, ..., 0.95.
     *
     * @param calibrator the calibrator
     * @return 19 rows
     */
    public static List<MappingRow> grid(Calibrator calibrator) {
      List<MappingRow> rows = new ArrayList<>(19);
      for (int i = 1; i <= 19; i++) {
        double p = i / 20.0;
        rows.add(new MappingRow(p, calibrator.apply(p)));
      }
      return rows;
    }
  }

  /**
   * ECE of one period.
   *
   * @param periodStart the period's start
   * @param ece the expected calibration error of the period's predictions
   * @param count the number of samples in the period
   */
  public record EcePoint(Instant periodStart, double ece, long count) {
    /** Checks the time. */
    public EcePoint {
      Objects.requireNonNull(periodStart, "periodStart must not be null");
    }

    /**
     * ECE per calendar week (weeks start on Monday, UTC) with ten equal-width bins: {@code sum_b
     * (n_b / n) * |mean predicted_b - observed frequency_b|}. Weeks without samples are left out.
     *
     * @param predicted predicted probabilities
     * @param observed outcomes in [0, 1]
     * @param timestampsMillis prediction times in epoch milliseconds
     * @return one point per week with samples, oldest first
     */
    public static List<EcePoint> weekly(
        double[] predicted, double[] observed, long[] timestampsMillis) {
      if (predicted.length != observed.length || predicted.length != timestampsMillis.length) {
        throw new IllegalArgumentException(
            "predicted, observed and timestampsMillis must have the same length");
      }
      java.util.TreeMap<Long, List<Integer>> weeks = new java.util.TreeMap<>();
      long weekMillis = Duration.ofDays(7).toMillis();
      // 1970-01-01 was a Thursday; shift by 3 days so weeks start on Monday
      long mondayOffset = Duration.ofDays(3).toMillis();
      for (int i = 0; i < predicted.length; i++) {
        long week = Math.floorDiv(timestampsMillis[i] + mondayOffset, weekMillis);
        weeks.computeIfAbsent(week, k -> new ArrayList<>()).add(i);
      }
      List<EcePoint> out = new ArrayList<>(weeks.size());
      for (Map.Entry<Long, List<Integer>> e : weeks.entrySet()) {
        List<Integer> idx = e.getValue();
        double[] p = new double[idx.size()];
        double[] y = new double[idx.size()];
        for (int j = 0; j < p.length; j++) {
          p[j] = predicted[idx.get(j)];
          y[j] = observed[idx.get(j)];
        }
        out.add(
            new EcePoint(
                Instant.ofEpochMilli(e.getKey() * weekMillis - mondayOffset), ece(p, y), p.length));
      }
      return out;
    }

    /**
     * The expected calibration error with ten equal-width bins.
     *
     * @param predicted predicted probabilities
     * @param observed outcomes in [0, 1]
     * @return the ECE, NaN without finite pairs
     */
    public static double ece(double[] predicted, double[] observed) {
      List<Bin> bins = Bin.equalWidth(predicted, observed, 10);
      long total = 0;
      for (Bin b : bins) {
        total += b.count();
      }
      if (total == 0) {
        return Double.NaN;
      }
      double sum = 0;
      for (Bin b : bins) {
        if (b.count() > 0) {
          sum += (double) b.count() / total * Math.abs(b.meanPredicted() - b.meanObserved());
        }
      }
      return sum;
    }
  }

  /**
   * One segment's row.
   *
   * @param segment the segment label, e.g. {@code "condition=new"}
   * @param count the number of joined samples in the segment
   * @param calibrator the calibrator used for the segment (its own or the parent's)
   * @param metrics named values in display order
   */
  public record SegmentRow(String segment, long count, String calibrator, Map<String, Double> metrics) {
    /** Copies the map. */
    public SegmentRow {
      Objects.requireNonNull(segment, "segment must not be null");
      Objects.requireNonNull(calibrator, "calibrator must not be null");
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
  }
}
