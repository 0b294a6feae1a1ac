package dev.calibration.core.propose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calibration.core.config.CalibrationConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A proposed calibration change, ready for a person to approve or reject: the candidate config,
 * the holdout metrics before and after, the factor and weight suggestions, the safety checks and
 * risk, the rationale and a change summary, with its provenance.
 *
 * <p>Immutable. Its {@link #contentHash()} is the SHA-256 of its JSON form without the hash
 * itself, so any change to any part gives another hash; {@link #id()} is the candidate config's
 * version. Built by {@link ProposalBuilder}.
 */
public final class Proposal {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Instant createdAt;
  private final Map<String, Long> dataCounts;
  private final CalibrationConfig candidate;
  private final List<TargetEvaluation> evaluations;
  private final List<FactorSuggestion> factors;
  private final List<WeightAdjustment> weights;
  private final GateReport gates;
  private final List<String> rationale;
  private final List<String> changeSummary;
  private final Provenance provenance;
  private final String contentHash;

  Proposal(
      Instant createdAt,
      Map<String, Long> dataCounts,
      CalibrationConfig candidate,
      List<TargetEvaluation> evaluations,
      List<FactorSuggestion> factors,
      List<WeightAdjustment> weights,
      GateReport gates,
      List<String> rationale,
      List<String> changeSummary,
      Provenance provenance) {
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.dataCounts =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dataCounts));
    this.candidate = Objects.requireNonNull(candidate, "candidate");
    this.evaluations = List.copyOf(evaluations);
    this.factors = List.copyOf(factors);
    this.weights = List.copyOf(weights);
    this.gates = Objects.requireNonNull(gates, "gates");
    this.rationale = List.copyOf(rationale);
    this.changeSummary = List.copyOf(changeSummary);
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.contentHash = sha256Hex(body(false).toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The proposal's id: the candidate config's version. */
  public String id() {
    return candidate.version();
  }

  /** When the proposal was made. */
  public Instant createdAt() {
    return createdAt;
  }

  /** Labelled counts of the data the proposal was built from (read, joined, excluded, ...). */
  public Map<String, Long> dataCounts() {
    return dataCounts;
  }

  /** The candidate config, in the format the loader reads. */
  public CalibrationConfig candidate() {
    return candidate;
  }

  /** One evaluation per target. */
  public List<TargetEvaluation> evaluations() {
    return evaluations;
  }

  /** The factor suggestions. */
  public List<FactorSuggestion> factors() {
    return factors;
  }

  /** The weight adjustments, one per ensemble. */
  public List<WeightAdjustment> weights() {
    return weights;
  }

  /** The safety checks with the risk score and level. */
  public GateReport gates() {
    return gates;
  }

  /** Whether the proposal is blocked from approval (high risk). */
  public boolean blocking() {
    return gates.blocking();
  }

  /** Lines saying why the change is proposed. */
  public List<String> rationale() {
    return rationale;
  }

  /** One line per change the candidate makes to the current config. */
  public List<String> changeSummary() {
    return changeSummary;
  }

  /** Where the proposal came from. */
  public Provenance provenance() {
    return provenance;
  }

  /** SHA-256 (hex) of the proposal's JSON without this field. */
  public String contentHash() {
    return contentHash;
  }

  /**
   * What to submit to a {@link dev.calibration.api.CalibrationRegistry}: the candidate config, this
   * proposal's JSON and its risk level. The registry assigns the version id it stores.
   *
   * @param attachments further files by simple name, e.g. {@code report.md}; may be empty
   * @return the candidate
   */
  public dev.calibration.api.VersionCandidate toVersionCandidate(Map<String, byte[]> attachments) {
    return new dev.calibration.api.VersionCandidate(
        candidate.toJson(),
        toJson(),
        dev.calibration.api.ProposalRisk.valueOf(gates.riskLevel().name()),
        attachments);
  }

  /** The proposal as indented UTF-8 JSON ({@code proposal.json}); non-finite numbers are null. */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(body(true));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise proposal " + id(), e);
    }
  }

  private ObjectNode body(boolean withHash) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", 1);
    root.put("id", id());
    if (withHash) {
      root.put("content_hash", contentHash);
    }
    root.put("created_at", createdAt.toString());
    ObjectNode data = root.putObject("data");
    dataCounts.forEach(data::put);
    ObjectNode risk = root.putObject("risk");
    num(risk, "score", gates.riskScore());
    risk.put("level", gates.riskLevel().name());
    risk.put("blocking", gates.blocking());
    ArrayNode checks = root.putArray("checks");
    for (CheckResult c : gates.checks()) {
      ObjectNode o = checks.addObject();
      o.put("name", c.name());
      o.put("severity", c.severity().name());
      num(o, "measured", c.measured());
      num(o, "threshold", c.threshold());
      o.put("passed", c.passed());
      o.put("message", c.message());
    }
    ArrayNode targets = root.putArray("targets");
    for (TargetEvaluation e : evaluations) {
      ObjectNode o = targets.addObject();
      o.put("target", e.target());
      o.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
      o.put("method", e.method());
      o.put("loss", e.lossName());
      o.put("train_size", e.trainSize());
      o.put("holdout_size", e.holdoutSize());
      nums(o.putObject("metrics_before"), e.metricsBefore());
      nums(o.putObject("metrics_after"), e.metricsAfter());
      nums(o.putObject("candidates"), e.candidates());
      ArrayNode segs = o.putArray("segments");
      for (TargetEvaluation.SegmentChoice s : e.segments()) {
        ObjectNode so = segs.addObject();
        so.put("segment", s.segment());
        so.put("n", s.count());
        so.put("own_calibrator", s.ownCalibrator());
        num(so, "loss_with_parent", s.lossWithParent());
        num(so, "loss_with_own", s.lossWithOwn());
        so.put("reason", s.reason());
      }
    }
    ObjectNode suggestions = root.putObject("suggestions");
    ArrayNode fa = suggestions.putArray("factors");
    for (FactorSuggestion f : factors) {
      ObjectNode o = fa.addObject();
      o.put("table", f.table());
      o.put("key", f.key());
      o.put("n", f.n());
      num(o, "current", f.current());
      num(o, "ratio", f.ratio());
      num(o, "raw", f.raw());
      num(o, "shrink_weight", f.shrinkWeight());
      num(o, "suggested", f.suggested());
      num(o, "min", f.min());
      num(o, "max", f.max());
      o.put("clamped", f.clamped());
      o.put("reason", f.reason());
    }
    ArrayNode wa = suggestions.putArray("weights");
    for (WeightAdjustment w : weights) {
      ObjectNode o = wa.addObject();
      o.put("ensemble", w.ensemble());
      o.put("loss", w.lossName());
      o.put("feasible", w.feasible());
      o.put("message", w.message());
      ArrayNode ch = o.putArray("changes");
      for (WeightChange c : w.changes()) {
        ObjectNode co = ch.addObject();
        co.put("member", c.member());
        num(co, "before", c.before());
        num(co, "after", c.after());
        num(co, "delta", c.delta());
        num(co, "change_pct", c.changePercent());
        num(co, "target", c.target());
        num(co, "loss", c.loss());
        num(co, "others_loss", c.othersLoss());
        co.put("reason", c.reason());
      }
    }
    ArrayNode ra = root.putArray("rationale");
    rationale.forEach(ra::add);
    ArrayNode cs = root.putArray("change_summary");
    changeSummary.forEach(cs::add);
    ObjectNode prov = root.putObject("provenance");
    prov.put("data_fingerprint", provenance.dataFingerprint());
    prov.put("seed", provenance.seed());
    prov.put("library_version", provenance.libraryVersion());
    if (provenance.replacesVersion().isPresent()) {
      prov.put("replaces_version", provenance.replacesVersion().get());
    } else {
      prov.putNull("replaces_version");
    }
    num(prov, "holdout_fraction", provenance.holdoutFraction());
    ArrayNode mt = prov.putArray("methods_tried");
    provenance.methodsTried().forEach(mt::add);
    try {
      JsonNode config = JSON.readTree(candidate.toJson());
      root.set("candidate", config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back the candidate config of " + id(), e);
    }
    return root;
  }

  private static void nums(ObjectNode o, Map<String, Double> values) {
    values.forEach((k, v) -> num(o, k, v));
  }

  private static void num(ObjectNode o, String k, double v) {
    if (Double.isFinite(v)) {
      o.put(k, v);
    } else {
      o.putNull(k);
    }
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Proposal p && p.contentHash.equals(contentHash);
  }

  @Override
  public int hashCode() {
    return contentHash.hashCode();
  }

  @Override
  public String toString() {
    return "Proposal[" + id() + ", risk " + gates.riskLevel() + ", hash " + contentHash + "]";
  }
}
