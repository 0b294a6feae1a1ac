package dev.calibration.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calibration.core.metrics.ProbabilityMetrics;
import dev.calibration.core.metrics.ReliabilityBin;
import dev.calibration.core.metrics.TargetMetrics;
import dev.calibration.core.metrics.TradingMetrics;
import dev.calibration.core.metrics.ValueMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The immutable result of a {@link CalibrationRun}: the join counts, every metric of every target
 * and, unless the run was told not to keep them, the joined samples for fitting calibrators.
 */
public final class RunResult {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Instant createdAt;
  private final List<String> segmentBy;
  private final int bins;
  private final JoinCounts joinCounts;
  private final Map<String, TargetResult> targets;
  private final Map<String, JoinedTarget> joined;
  private final Map<String, Long> stageMillis;

  RunResult(
      Instant createdAt,
      List<String> segmentBy,
      int bins,
      JoinCounts joinCounts,
      Map<String, TargetResult> targets,
      Map<String, JoinedTarget> joined,
      Map<String, Long> stageMillis) {
    this.createdAt = createdAt;
    this.segmentBy = List.copyOf(segmentBy);
    this.bins = bins;
    this.joinCounts = joinCounts;
    this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    this.joined = Collections.unmodifiableMap(new LinkedHashMap<>(joined));
    this.stageMillis = Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
  }

  /**
   * Wall-clock milliseconds of each stage ({@code predictions}, {@code outcomes}, {@code join},
   * {@code metrics}), for progress and benchmarks; not part of {@link #toJson()}.
   */
  public Map<String, Long> timings() {
    return stageMillis;
  }

  /** When the run finished, by the run's clock. */
  public Instant createdAt() {
    return createdAt;
  }

  /** The segment keys of the run. */
  public List<String> segmentBy() {
    return segmentBy;
  }

  /** The number of bins for ECE, MCE and reliability. */
  public int bins() {
    return bins;
  }

  /** Every count of the join. */
  public JoinCounts joinCounts() {
    return joinCounts;
  }

  /** The results per target, in mapping order. */
  public Map<String, TargetResult> targets() {
    return targets;
  }

  /** The result of one target. */
  public TargetResult target(String target) {
    TargetResult r = targets.get(target);
    if (r == null) {
      throw new NoSuchElementException(
          "the run has no target '" + target + "'; targets are " + targets.keySet());
    }
    return r;
  }

  /**
   * The joined samples of one target, in time order.
   *
   * @throws NoSuchElementException when the target is unknown or the run did not keep joined data
   */
  public JoinedTarget joined(String target) {
    JoinedTarget j = joined.get(target);
    if (j == null) {
      throw new NoSuchElementException(
          targets.containsKey(target)
              ? "the run did not keep joined samples (keepJoined(false))"
              : "the run has no target '" + target + "'; targets are " + targets.keySet());
    }
    return j;
  }

  /** Whether joined samples were kept. */
  public boolean hasJoined() {
    return !joined.isEmpty() || targets.isEmpty();
  }

  /**
   * The result as a JSON document (UTF-8 text, indented): {@code schema}, {@code created_at},
   * {@code options}, {@code counts} and {@code targets}. Undefined metrics are {@code null}. No
   * joined samples and no ids are written: aggregate metrics carry no personal data.
   */
  public String toJson() {
    try {
      return JSON.writeValueAsString(tree());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a run result", e);
    }
  }

  /** {@link #toJson()} as UTF-8 bytes. */
  public byte[] toJsonBytes() {
    return toJson().getBytes(StandardCharsets.UTF_8);
  }

  private ObjectNode tree() {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", 1);
    root.put("created_at", createdAt.toString());
    ObjectNode options = root.putObject("options");
    ArrayNode seg = options.putArray("segment_by");
    segmentBy.forEach(seg::add);
    options.put("bins", bins);
    ArrayNode maps = options.putArray("targets");
    targets.values().forEach(t -> maps.add(t.mapping().toString()));
    ObjectNode c = root.putObject("counts");
    JoinCounts j = joinCounts;
    c.put("predictions_read", j.predictionsRead());
    c.put("predictions_skipped", j.predictionsSkipped());
    c.put("predictions_truncated", j.predictionsTruncated());
    c.put("duplicate_predictions", j.duplicatePredictions());
    c.put("outcomes_read", j.outcomesRead());
    c.put("outcomes_skipped", j.outcomesSkipped());
    c.put("outcome_non_numeric", j.outcomeNonNumeric());
    c.put("duplicate_outcomes", j.duplicateOutcomes());
    c.put("orphan_outcomes", j.orphanOutcomes());
    c.put("pending", j.pending());
    c.put("voided", j.voided());
    c.put("pushed", j.pushed());
    c.put("settled", j.settled());
    ObjectNode ct = c.putObject("targets");
    for (TargetCounts tc : j.targets().values()) {
      ObjectNode o = ct.putObject(tc.target());
      o.put("joined", tc.joined());
      o.put("missing_prediction", tc.missingPrediction());
      o.put("missing_or_non_numeric", tc.missingOrNonNumeric());
      o.put("out_of_range", tc.outOfRange());
    }
    ArrayNode problems = c.putArray("problems");
    j.problems().forEach(problems::add);
    ObjectNode ts = root.putObject("targets");
    for (TargetResult r : targets.values()) {
      ObjectNode o = ts.putObject(r.mapping().target());
      o.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
      o.put("outcome_column", r.mapping().outcomeColumn());
      o.set("overall", metrics(r.overall()));
      group(o.putObject("by_segment"), r.bySegment());
      group(o.putObject("by_model_version"), r.byModelVersion());
      group(o.putObject("by_calibration_version"), r.byCalibrationVersion());
    }
    return root;
  }

  private static void group(ObjectNode node, Map<String, TargetMetrics> groups) {
    groups.forEach((k, v) -> node.set(k, metrics(v)));
  }

  private static ObjectNode metrics(TargetMetrics m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("n", m.n());
    if (m instanceof ValueMetrics) {
      ValueMetrics v = (ValueMetrics) m;
      num(o, "mae", v.mae());
      num(o, "rmse", v.rmse());
      num(o, "bias", v.bias());
      num(o, "mape", v.mape());
      o.put("mape_n", v.mapeN());
      num(o, "sum_ratio", v.sumRatio());
      num(o, "median_ratio", v.medianRatio());
      o.put("ratio_n", v.ratioN());
      return o;
    }
    ProbabilityMetrics p = (ProbabilityMetrics) m;
    o.put("bins", p.bins());
    num(o, "base_rate", p.baseRate());
    num(o, "mean_predicted", p.meanPredicted());
    num(o, "brier", p.brier());
    num(o, "log_loss", p.logLoss());
    num(o, "ece", p.ece());
    num(o, "mce", p.mce());
    num(o, "ece_equal_mass", p.eceEqualMass());
    num(o, "mce_equal_mass", p.mceEqualMass());
    num(o, "calibration_intercept", p.calibrationIntercept());
    num(o, "calibration_slope", p.calibrationSlope());
    o.put("calibration_converged", p.calibration().converged());
    num(o, "roc_auc", p.rocAuc());
    bins(o.putArray("reliability"), p.reliability());
    bins(o.putArray("reliability_equal_mass"), p.reliabilityEqualMass());
    Optional<TradingMetrics> tm = p.trading();
    if (tm.isPresent()) {
      TradingMetrics t = tm.get();
      ObjectNode tr = o.putObject("trading");
      tr.put("bets", t.bets());
      num(tr, "win_rate", t.winRate());
      num(tr, "staked", t.staked());
      num(tr, "units", t.units());
      num(tr, "roi", t.roi());
      tr.put("clv_n", t.clvN());
      num(tr, "clv_mean", t.clvMean());
      num(tr, "clv_mean_absolute", t.clvMeanAbsolute());
    }
    return o;
  }

  private static void bins(ArrayNode a, List<ReliabilityBin> bins) {
    for (ReliabilityBin b : bins) {
      ObjectNode o = a.addObject();
      o.put("index", b.index());
      num(o, "lower", b.lower());
      num(o, "upper", b.upper());
      o.put("count", b.count());
      num(o, "mean_predicted", b.meanPredicted());
      num(o, "observed_rate", b.observedRate());
      num(o, "wilson_low", b.wilsonLow());
      num(o, "wilson_high", b.wilsonHigh());
    }
  }

  private static void num(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }
}
