package dev.calibration.core.report;

import dev.calibration.api.Calibrator;
import dev.calibration.core.propose.Proposal;
import dev.calibration.core.propose.TargetData;
import dev.calibration.core.propose.TargetEvaluation;
import dev.calibration.core.report.CalibrationReport.Bin;
import dev.calibration.core.report.CalibrationReport.DataSummary;
import dev.calibration.core.report.CalibrationReport.EcePoint;
import dev.calibration.core.report.CalibrationReport.MappingRow;
import dev.calibration.core.report.CalibrationReport.SegmentRow;
import dev.calibration.core.report.CalibrationReport.TargetSection;
import dev.calibration.core.run.RunResult;
import dev.calibration.core.run.TargetKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link CalibrationReport} of a {@link Proposal} from the proposal and the data it was
 * built from: reliability bins of the raw and the calibrated predictions on the holdout (the
 * calibrated ones from the method fitted on the earlier rows, as the gate measured it), the mapping
 * of the proposed calibrator, weekly ECE of the raw predictions, and per-segment rows.
 *
 * <p>Stateless and thread-safe.
 */
public final class ProposalReport {
  /** Reliability bins per diagram. */
  public static final int BINS = 10;

  private ProposalReport() {}

  /**
   * The report of a proposal.
   *
   * @param proposal the proposal
   * @param data the data it was built from, one per target (targets without data get no diagrams)
   * @return the report
   */
  public static CalibrationReport of(Proposal proposal, List<TargetData> data) {
    return of(proposal, data, proposal.id());
  }

  /**
   * The report of a proposal under the version id a registry gave it (the commands name that id).
   *
   * @param proposal the proposal
   * @param data the data it was built from, one per target
   * @param versionId the id to show and to put in the approve and reject commands
   * @return the report
   */
  public static CalibrationReport of(Proposal proposal, List<TargetData> data, String versionId) {
    Map<String, TargetData> byTarget = new LinkedHashMap<>();
    data.forEach(d -> byTarget.put(d.target(), d));
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    for (TargetData d : data) {
      long[] ts = d.timestampsMillis();
      if (ts.length > 0) {
        from = Math.min(from, ts[0]);
        to = Math.max(to, ts[ts.length - 1]);
      }
    }
    DataSummary summary =
        new DataSummary(
            proposal.dataCounts(),
            from == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(from)),
            to == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(to)));
    List<TargetSection> sections = new ArrayList<>();
    for (TargetEvaluation e : proposal.evaluations()) {
      sections.add(section(e, byTarget.get(e.target())));
    }
    return new CalibrationReport(
        "Calibration proposal " + versionId,
        versionId,
        proposal.createdAt(),
        summary,
        sections,
        proposal.weights(),
        proposal.factors(),
        proposal.gates(),
        concat(proposal.rationale(), proposal.changeSummary()));
  }

  /**
   * The report of a proposal built from a run: the data are the run's joined samples.
   *
   * @param proposal the proposal
   * @param run the run it was built from (with its joined samples kept)
   * @return the report
   */
  public static CalibrationReport of(Proposal proposal, RunResult run) {
    List<TargetData> data = new ArrayList<>();
    for (String target : run.targets().keySet()) {
      data.add(TargetData.of(run.joined(target)));
    }
    return of(proposal, data);
  }

  private static List<String> concat(List<String> rationale, List<String> changes) {
    List<String> out = new ArrayList<>(rationale);
    changes.forEach(c -> out.add("change: " + c));
    return out;
  }

  private static TargetSection section(TargetEvaluation e, @Nullable TargetData d) {
    List<Bin> before = List.of();
    List<Bin> after = List.of();
    List<EcePoint> weekly = List.of();
    if (d != null && e.kind() == TargetKind.PROBABILITY && e.holdoutSize() > 0) {
      double[] p = d.predicted();
      double[] y = d.observed();
      int split = e.trainSize();
      double[] hp = Arrays.copyOfRange(p, split, p.length);
      double[] hy = Arrays.copyOfRange(y, split, y.length);
      before = Bin.equalWidth(hp, hy, BINS);
      if (e.evaluatedCalibrator().isPresent()) {
        Calibrator c = e.evaluatedCalibrator().get();
        double[] q = new double[hp.length];
        for (int i = 0; i < q.length; i++) {
          q[i] = c.apply(hp[i]);
        }
        after = Bin.equalWidth(q, hy, BINS);
      }
      weekly = EcePoint.weekly(p, y, d.timestampsMillis());
    }
    List<MappingRow> mapping =
        e.calibrator().map(MappingRow::grid).orElse(List.of());
    List<SegmentRow> segments = new ArrayList<>();
    for (TargetEvaluation.SegmentChoice s : e.segments()) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("holdout brier, default", s.lossWithParent());
      m.put("holdout brier, own", s.lossWithOwn());
      segments.add(
          new SegmentRow(
              s.segment(),
              s.count(),
              s.ownCalibrator()
                  ? "own " + e.method()
                  : String.format(Locale.ROOT, "default (%s)", s.reason()),
              m));
    }
    return new TargetSection(
        e.target(),
        e.kind().name().toLowerCase(Locale.ROOT),
        e.method(),
        e.metricsBefore(),
        e.metricsAfter(),
        before,
        after,
        mapping,
        weekly,
        segments);
  }
}
