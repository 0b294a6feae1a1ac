package dev.calibration.core.propose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calibration.api.Outcome;
import dev.calibration.api.Prediction;
import dev.calibration.core.config.CalibrationConfig;
import dev.calibration.core.config.FactorBounds;
import dev.calibration.core.outcome.InMemoryOutcomeSource;
import dev.calibration.core.run.CalibrationRun;
import dev.calibration.core.run.RunResult;
import dev.calibration.core.run.TargetKind;
import dev.calibration.core.run.TargetMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProposalBuilderTest {
  private static final Instant T0 = Instant.parse("2026-08-03T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneOffset.UTC);
  private static final int N = 3000;

  /**
   * Predictions p = x are too high: the truth is q = x^2. Brier of the raw predictions is about
   * E[q(1-q)] + E[(x-x^2)^2] = 2/15 + 1/30 = 1/6, of perfectly calibrated ones 2/15: a 20% gain
   * that any reasonable calibrator recovers most of. Members: lgbm has the smallest noise around
   * q, xgb the largest. Segments: 2850 rows "new", 150 rows "used" (below 200).
   */
  private static TargetData probabilityData(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] p = new double[N];
    double[] y = new double[N];
    long[] ts = new long[N];
    int[] seg = new int[N];
    Map<String, double[]> members = new LinkedHashMap<>();
    for (String m : List.of("xgb", "lgbm", "nhits", "patchtst")) {
      members.put(m, new double[N]);
    }
    double[] noise = {0.20, 0.03, 0.10, 0.10};
    for (int i = 0; i < N; i++) {
      double x = 0.02 + 0.96 * rnd.nextDouble();
      double q = x * x;
      p[i] = x;
      y[i] = rnd.nextDouble() < q ? 1 : 0;
      ts[i] = T0.toEpochMilli() + i * 3_600_000L; // hourly: 125 days
      seg[i] = i % 20 == 0 ? 1 : 0;
      int k = 0;
      for (double[] m : members.values()) {
        m[i] = Math.min(1, Math.max(0, q + noise[k++] * (rnd.nextDouble() - 0.5) * 2));
      }
    }
    return TargetData.of(
        "sell_p60", TargetKind.PROBABILITY, p, y, ts, seg, List.of("condition=new", "condition=used"), members);
  }

  /** Observed prices are exactly 1.1 x predicted for "new" and 0.9 x for "used". */
  private static TargetData priceData() {
    int n = 400;
    double[] p = new double[n];
    double[] y = new double[n];
    long[] ts = new long[n];
    int[] seg = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = 10 + i % 17;
      seg[i] = i % 4 == 0 ? 1 : 0; // 100 used, 300 new
      y[i] = p[i] * (seg[i] == 0 ? 1.1 : 0.9);
      ts[i] = T0.toEpochMilli() + i * 60_000L;
    }
    return TargetData.of(
        "price", TargetKind.VALUE, p, y, ts, seg, List.of("condition=new", "condition=used"), Map.of());
  }

  private static CalibrationConfig current() {
    Map<String, Map<String, Double>> factors = new LinkedHashMap<>();
    Map<String, Double> cond = new LinkedHashMap<>();
    cond.put("new", 1.0);
    cond.put("used", 0.9);
    factors.put("CONDITION_PRICE_FACTOR", cond);
    Map<String, Double> w = new LinkedHashMap<>();
    w.put("xgb", 0.30);
    w.put("lgbm", 0.30);
    w.put("nhits", 0.20);
    w.put("patchtst", 0.20);
    return new CalibrationConfig(
        1, "cal-previous", Optional.empty(), Optional.empty(), Map.of(), factors,
        Map.of("CONDITION_PRICE_FACTOR", new FactorBounds(0.5, 1.2)), Map.of("main", w),
        Optional.empty());
  }

  /** Built once: every test below reads the same proposal (building one takes most of a second). */
  private static final Proposal SHARED = builder(1).build();

  private static ProposalBuilder builder(long seed) {
    return ProposalBuilder.builder()
        .target(probabilityData(7))
        .target(priceData())
        .current(current())
        .candidates(List.of("histogram", "isotonic"))
        .factorTable("price", "CONDITION_PRICE_FACTOR", "condition")
        .ensemble("sell_p60", "main")
        .seed(seed)
        .clock(CLOCK);
  }

  @Test
  void build_miscalibratedProbabilities_proposesCalibratorThatImprovesHoldout() {
    Proposal p = SHARED;
    TargetEvaluation e = p.evaluations().get(0);
    assertEquals("sell_p60", e.target());
    assertEquals(2100, e.trainSize());
    assertEquals(900, e.holdoutSize());
    assertTrue(List.of("histogram", "isotonic").contains(e.method()), e.method());
    double before = e.metricsBefore().get("brier");
    double after = e.metricsAfter().get("brier");
    assertTrue(after < before * 0.95, before + " -> " + after);
    assertEquals(e.method(), p.candidate().calibrators().get("sell_p60").defaultCalibrator().orElseThrow().method());
    CheckResult imp = p.gates().check("improvement.sell_p60").orElseThrow();
    assertTrue(imp.passed(), imp.message());
    assertTrue(p.gates().failures().isEmpty(), () -> p.gates().failures().toString());
    assertEquals(RiskLevel.LOW, p.gates().riskLevel());
    assertFalse(p.blocking());
    assertTrue(p.gates().check("config.valid").orElseThrow().passed());
  }

  @Test
  void build_smallSegment_fallsBackToTheDefault() {
    Proposal p = SHARED;
    TargetEvaluation.SegmentChoice used =
        p.evaluations().get(0).segments().stream()
            .filter(s -> s.segment().equals("condition=used"))
            .findFirst()
            .orElseThrow();
    assertEquals(150, used.count());
    assertFalse(used.ownCalibrator());
    assertTrue(used.reason().contains("150 rows < 200"), used.reason());
    assertTrue(
        p.candidate().calibrators().get("sell_p60").segments().stream()
            .noneMatch(r -> r.match().equals(Map.of("condition", "used"))));
  }

  /**
   * Brier scores carry the irreducible q(1 - q) of every member, so inverse-Brier targets stay near
   * 1/4 each; lgbm, the least noisy, gets the highest target and xgb the lowest. Every weight moves
   * toward its target, within 10% and the bounds.
   */
  @Test
  void build_membersWithDifferentLosses_movesEachWeightTowardItsTarget() {
    Proposal p = SHARED;
    WeightAdjustment w = p.weights().get(0);
    assertTrue(w.feasible(), w.message());
    WeightChange xgb = w.changes().get(0);
    WeightChange lgbm = w.changes().get(1);
    for (WeightChange c : w.changes()) {
      assertTrue(lgbm.loss() <= c.loss() && xgb.loss() >= c.loss(), c.reason());
      assertTrue(Math.signum(c.delta()) * Math.signum(c.target() - c.before()) >= 0, c.reason());
      assertTrue(Math.abs(c.changePercent()) <= 10 + 1e-9, c.reason());
    }
    assertTrue(lgbm.target() > xgb.target());
    assertTrue(xgb.after() < 0.30, xgb.reason());
    double sum = w.after().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(1.0, sum, 1e-12);
    assertEquals(w.after(), p.candidate().weights().get("main"));
  }

  @Test
  void build_valueTarget_suggestsShrunkFactorsPerCondition() {
    Proposal p = SHARED;
    FactorSuggestion fnew = p.factors().stream().filter(f -> f.key().equals("new")).findFirst().orElseThrow();
    FactorSuggestion fused = p.factors().stream().filter(f -> f.key().equals("used")).findFirst().orElseThrow();
    // ratio 1.1 exactly, n = 300: 1.0 + 300/320 * 0.1
    assertEquals(300, fnew.n());
    assertEquals(1.0 + 300.0 / 320 * 0.1, fnew.suggested(), 1e-9);
    // ratio 0.9, current 0.9, n = 100: 0.9 + 100/120 * (0.81 - 0.9)
    assertEquals(0.9 + 100.0 / 120 * (0.81 - 0.9), fused.suggested(), 1e-9);
    assertEquals(fnew.suggested(), p.candidate().factors().get("CONDITION_PRICE_FACTOR").get("new"));
    TargetEvaluation price = p.evaluations().get(1);
    assertTrue(price.metricsAfter().get("mae") < price.metricsBefore().get("mae"));
    assertTrue(p.changeSummary().stream().anyMatch(l -> l.startsWith("factor CONDITION_PRICE_FACTOR.new: 1.0000 -> ")), p.changeSummary().toString());
  }

  @Test
  void build_sameInputTwice_sameHashAndId_otherSeedOtherHash() {
    Proposal a = SHARED;
    Proposal b = builder(1).build();
    Proposal c = builder(2).build();
    assertEquals(a.contentHash(), b.contentHash());
    assertEquals(a.id(), b.id());
    assertTrue(a.id().matches("cal-20261123-101500-[0-9a-f]{6}"), a.id());
    assertNotEquals(a.contentHash(), c.contentHash());
    assertEquals(64, a.contentHash().length());
  }

  @Test
  void toJson_proposal_carriesProvenanceAndAReadableCandidate() throws Exception {
    Proposal p = SHARED;
    ObjectMapper om = new ObjectMapper();
    JsonNode root = om.readTree(p.toJson());
    assertEquals(p.contentHash(), root.get("content_hash").asText());
    JsonNode prov = root.get("provenance");
    assertEquals("cal-previous", prov.get("replaces_version").asText());
    assertEquals(1, prov.get("seed").asLong());
    assertTrue(prov.get("data_fingerprint").asText().matches("[0-9a-f]{64}"));
    CalibrationConfig back = CalibrationConfig.parse(om.writeValueAsBytes(root.get("candidate")), "proposal.json");
    assertEquals(p.candidate(), back);
    assertEquals(900, root.get("targets").get(0).get("holdout_size").asInt());
  }

  @Test
  void toVersionCandidate_proposal_carriesConfigProposalAndRisk() throws Exception {
    dev.calibration.api.VersionCandidate vc = SHARED.toVersionCandidate(Map.of("report.md", new byte[] {1}));
    assertEquals(dev.calibration.api.ProposalRisk.LOW, vc.risk());
    assertEquals(SHARED.candidate(), CalibrationConfig.parse(vc.config(), "config"));
    assertEquals(SHARED.contentHash(), new ObjectMapper().readTree(vc.proposal()).get("content_hash").asText());
    assertEquals(1, vc.attachments().size());
  }

  @Test
  void suggestionsFiles_write_historyAndCanonicalInAgreedFormat(@TempDir Path dir) throws Exception {
    Proposal p = SHARED;
    List<Path> paths = SuggestionsFiles.write(dir, p, CLOCK);
    assertEquals(dir.resolve("history/suggestions_20261123_101500.json"), paths.get(0));
    assertEquals(dir.resolve("calibration_suggestions.json"), paths.get(1));
    assertEquals(Files.readString(paths.get(0)), Files.readString(paths.get(1)));
    JsonNode root = new ObjectMapper().readTree(paths.get(1).toFile());
    assertEquals(1, root.get("schema").asInt());
    JsonNode fnew = root.get("factors").get("CONDITION_PRICE_FACTOR").get("new");
    assertEquals(1.0, fnew.get("current").asDouble());
    assertEquals(300, fnew.get("n").asInt());
    assertEquals(0.30, root.get("weights").get("main").get("lgbm").get("current").asDouble());
    assertTrue(root.get("calibrators").get("sell_p60").get("default").has("method"));
    // a second write the same second keeps the first history file
    List<Path> again = SuggestionsFiles.write(dir, p, CLOCK);
    assertEquals(dir.resolve("history/suggestions_20261123_101500_1.json"), again.get(0));
  }

  /** The suggestions format is the one {@code calibration apply} reads: written here, applied there. */
  @Test
  void suggestionsFile_appliedAsOverrides_givesTheSuggestedFactors(@TempDir Path dir) throws Exception {
    List<Path> paths = SuggestionsFiles.write(dir, SHARED, CLOCK);
    dev.calibration.core.overrides.OverridesApply.Result r =
        dev.calibration.core.overrides.OverridesApply.withDefaults()
            .apply(paths.get(1), dir.resolve("overrides.json"));
    assertTrue(r.skipped().isEmpty(), r.skipped().toString());
    Map<String, Double> applied = r.after().get("CONDITION_PRICE_FACTOR");
    for (FactorSuggestion f : SHARED.factors()) {
      assertEquals(f.suggested(), applied.get(f.key()), 1e-12, f.key());
    }
  }

  @Test
  void build_tooFewSamples_criticalRunGateFails() {
    double[] p = {0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5, 0.9, 0.1, 0.5};
    double[] y = {0, 1, 0, 1, 0, 1, 1, 1, 0, 0};
    long[] ts = new long[10];
    Proposal prop =
        ProposalBuilder.builder()
            .target(TargetData.of("s", TargetKind.PROBABILITY, p, y, ts))
            .candidates(List.of("platt"))
            .clock(CLOCK)
            .build();
    CheckResult run = prop.gates().check("samples.run").orElseThrow();
    assertFalse(run.passed());
    assertEquals(Severity.CRITICAL, run.severity());
  }

  /**
   * The "done when": from code, a run (real join of in-memory predictions and outcomes)
   * produces a proposal with suggestions, gates and risk.
   */
  @Test
  void from_runResult_buildsProposalFromJoinedSamples() {
    SplittableRandom rnd = new SplittableRandom(3);
    List<Prediction> preds = new ArrayList<>();
    List<Outcome> outs = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      double x = 0.05 + 0.9 * rnd.nextDouble();
      String id = "P" + i;
      preds.add(
          Prediction.builder(id, T0.plusSeconds(3600L * i))
              .value("sell_p60", x)
              .segment("condition", i % 3 == 0 ? "used" : "new")
              .build());
      outs.add(Outcome.settled(id, Map.of("sold_60d", rnd.nextDouble() < x * x ? 1.0 : 0.0)));
    }
    RunResult run =
        CalibrationRun.builder()
            .predictions(() -> preds.stream())
            .outcomes(InMemoryOutcomeSource.of(outs))
            .target(TargetMapping.parse("sell_p60=sold_60d"))
            .segmentBy("condition")
            .clock(CLOCK)
            .build()
            .execute();
    Proposal p =
        ProposalBuilder.from(run).candidates(List.of("histogram")).minSegmentCount(300).clock(CLOCK).build();
    assertEquals(1200L, p.dataCounts().get("joined sell_p60"));
    TargetEvaluation e = p.evaluations().get(0);
    assertEquals("histogram", e.method());
    assertEquals(840, e.trainSize());
    assertTrue(e.metricsAfter().get("brier") < e.metricsBefore().get("brier"));
    assertEquals(2, e.segments().size());
    assertTrue(p.gates().check("samples.activate").orElseThrow().passed());
    assertFalse(p.rationale().isEmpty());
    Stream.of(p.toJson()).forEach(b -> assertTrue(b.length > 0));
  }
}
