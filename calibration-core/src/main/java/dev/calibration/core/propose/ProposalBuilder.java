package dev.calibration.core.propose;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import dev.calibration.core.config.CalibrationConfig;
import dev.calibration.core.config.CalibratorSpec;
import dev.calibration.core.config.ConfigProblem;
import dev.calibration.core.config.ConfigValidation;
import dev.calibration.core.config.FactorBounds;
import dev.calibration.core.config.MethodResolver;
import dev.calibration.core.config.SegmentRule;
import dev.calibration.core.config.TargetCalibrators;
import dev.calibration.core.calibrate.CalibrationMethods;
import dev.calibration.core.calibrate.Selection;
import dev.calibration.core.calibrate.SelectionOptions;
import dev.calibration.core.run.JoinCounts;
import dev.calibration.core.run.RunResult;
import dev.calibration.core.run.TargetKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a {@link Proposal} from joined data: fits and chooses calibrators on a time-ordered split,
 * suggests factors and ensemble weights, runs the safety gates and writes the rationale.
 *
 * <p>For each probability target the data are split in time order: the earliest {@code 1 -
 * holdoutFraction} of the rows are fitted on, the latest are held out. {@link
 * CalibrationMethods#select} fits every candidate method on the earlier part and scores it by Brier
 * on the holdout; the best wins. The holdout metrics "after" (and the improvement gate) measure the
 * winning method fitted on the earlier part only, never on the rows it is scored on; the calibrator
 * proposed is the same method refitted on all rows. A segment with at least {@code
 * minSegmentCount} rows gets its own calibrator only when, fitted on its earlier rows, it beats the
 * target's default on its held-out rows; otherwise it falls back to the default (its parent).
 *
 * <p>For each value target with a factor table, factors are suggested per segment attribute value
 * by {@link FactorSuggester}; the holdout metrics "after" apply factors suggested from the earlier
 * part only. For each target with an ensemble, member losses (Brier or MAE) drive {@link
 * WeightAdjuster}, whose bounds come from the {@link GatePolicy}.
 *
 * <p>Not thread-safe: one builder per proposal. Deterministic: the same input, seed and clock give
 * the same proposal and content hash.
 */
public final class ProposalBuilder {
  private static final DateTimeFormatter VERSION_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final List<TargetData> targets = new ArrayList<>();
  private CalibrationMethods registry = CalibrationMethods.defaults();
  private List<String> candidates = List.of();
  private final Map<String, String[]> factorTables = new LinkedHashMap<>();
  private final Map<String, String> ensembles = new LinkedHashMap<>();
  private final Map<String, Long> joinCounts = new LinkedHashMap<>();
  private Optional<CalibrationConfig> current = Optional.empty();
  private GatePolicy policy = GatePolicy.defaults();
  private FactorSuggester factorSuggester = FactorSuggester.defaults();
  private double holdoutFraction = 0.3;
  private int minSegmentCount = 200;
  private long seed;
  private Clock clock = Clock.systemUTC();

  private ProposalBuilder() {}

  /** An empty builder. */
  public static ProposalBuilder builder() {
    return new ProposalBuilder();
  }

  /**
   * Adds a target's joined data.
   *
   * @param data the data, time-ordered
   * @return this builder
   */
  public ProposalBuilder target(TargetData data) {
    Objects.requireNonNull(data, "data must not be null");
    for (TargetData t : targets) {
      if (t.target().equals(data.target())) {
        throw new IllegalArgumentException(
            "CAL-PROP-003 target " + data.target() + " was already added");
      }
    }
    targets.add(data);
    return this;
  }

  /**
   * A builder holding every target of a run (its joined samples, in time order) and its join
   * counts.
   *
   * @param run the run, which must have kept its joined samples
   * @return the builder
   * @throws java.util.NoSuchElementException when the run did not keep joined samples
   */
  public static ProposalBuilder from(RunResult run) {
    ProposalBuilder b = new ProposalBuilder();
    for (String target : run.targets().keySet()) {
      b.target(TargetData.of(run.joined(target)));
    }
    JoinCounts c = run.joinCounts();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("predictions read", c.predictionsRead());
    counts.put("predictions skipped", c.predictionsSkipped());
    counts.put("duplicate predictions", c.duplicatePredictions());
    counts.put("outcomes read", c.outcomesRead());
    counts.put("outcomes skipped", c.outcomesSkipped());
    counts.put("orphan outcomes", c.orphanOutcomes());
    counts.put("pending (no outcome yet)", c.pending());
    counts.put("void (excluded)", c.voided());
    counts.put("push (excluded)", c.pushed());
    counts.put("settled", c.settled());
    c.targets().forEach((t, tc) -> counts.put("joined " + t, tc.joined()));
    b.joinCounts(counts);
    return b;
  }

  /**
   * The calibration methods to resolve names with; default {@link CalibrationMethods#defaults()}.
   *
   * @param methods the method registry
   * @return this builder
   */
  public ProposalBuilder methods(CalibrationMethods methods) {
    this.registry = Objects.requireNonNull(methods, "methods must not be null");
    return this;
  }

  /**
   * The methods to choose among by holdout Brier; default every method the registry knows except
   * {@code identity}. Naming one method fixes the choice.
   *
   * @param names method names, e.g. {@code List.of("isotonic", "platt")}
   * @return this builder
   * @throws IllegalArgumentException when a name is unknown (listing the known ones)
   */
  public ProposalBuilder candidates(List<String> names) {
    for (String n : names) {
      registry.method(n);
    }
    this.candidates = List.copyOf(names);
    return this;
  }

  /**
   * The config in use, which the candidate builds on and would replace.
   *
   * @param config the active config
   * @return this builder
   */
  public ProposalBuilder current(CalibrationConfig config) {
    this.current = Optional.of(Objects.requireNonNull(config, "config must not be null"));
    return this;
  }

  /**
   * Suggests the factors of {@code table} for value target {@code target}, keyed by the value of
   * segment attribute {@code attribute}.
   *
   * @param target the value target, e.g. {@code price}
   * @param table the factor table, e.g. {@code CONDITION_PRICE_FACTOR}
   * @param attribute the segment attribute, e.g. {@code condition}
   * @return this builder
   */
  public ProposalBuilder factorTable(String target, String table, String attribute) {
    factorTables.put(
        Objects.requireNonNull(target, "target must not be null"),
        new String[] {
          Objects.requireNonNull(table, "table must not be null"),
          Objects.requireNonNull(attribute, "attribute must not be null")
        });
    return this;
  }

  /**
   * Adjusts the weights of ensemble {@code ensemble} from the members of {@code target}.
   *
   * @param target the target whose member predictions are compared
   * @param ensemble the ensemble's name in the config's weights, e.g. {@code main}
   * @return this builder
   */
  public ProposalBuilder ensemble(String target, String ensemble) {
    ensembles.put(
        Objects.requireNonNull(target, "target must not be null"),
        Objects.requireNonNull(ensemble, "ensemble must not be null"));
    return this;
  }

  /**
   * The run's join counts, shown in reports; {@code "joined"} feeds the sample-size gates.
   *
   * @param counts labelled counts in display order
   * @return this builder
   */
  public ProposalBuilder joinCounts(Map<String, Long> counts) {
    joinCounts.clear();
    joinCounts.putAll(counts);
    return this;
  }

  /**
   * The gate thresholds; its weight bounds and change limit also bound the weight adjustment.
   *
   * @param gatePolicy the policy
   * @return this builder
   */
  public ProposalBuilder policy(GatePolicy gatePolicy) {
    this.policy = Objects.requireNonNull(gatePolicy, "policy must not be null");
    return this;
  }

  /**
   * The factor suggester (shrinkage, bounds).
   *
   * @param suggester the suggester
   * @return this builder
   */
  public ProposalBuilder factorSuggester(FactorSuggester suggester) {
    this.factorSuggester = Objects.requireNonNull(suggester, "suggester must not be null");
    return this;
  }

  /**
   * The share of the latest rows held out for evaluation.
   *
   * @param fraction in (0, 1), default 0.3
   * @return this builder
   */
  public ProposalBuilder holdoutFraction(double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("holdoutFraction must be in (0, 1) but was " + fraction);
    }
    this.holdoutFraction = fraction;
    return this;
  }

  /**
   * The fewest rows a segment needs for its own calibrator; smaller segments use the default.
   *
   * @param count {@code >= 1}, default 200
   * @return this builder
   */
  public ProposalBuilder minSegmentCount(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("minSegmentCount must be >= 1 but was " + count);
    }
    this.minSegmentCount = count;
    return this;
  }

  /**
   * The seed recorded in the provenance and available to methods that randomise.
   *
   * @param value the seed
   * @return this builder
   */
  public ProposalBuilder seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * The clock that stamps the proposal and its version.
   *
   * @param c the clock
   * @return this builder
   */
  public ProposalBuilder clock(Clock c) {
    this.clock = Objects.requireNonNull(c, "clock must not be null");
    return this;
  }

  /**
   * Builds the proposal.
   *
   * @return the proposal
   * @throws IllegalStateException when no target was added
   */
  public Proposal build() {
    if (targets.isEmpty()) {
      throw new IllegalStateException(
          "CAL-PROP-001 a proposal needs at least one target; add one with target()");
    }
    Instant now = clock.instant();
    List<String> tried = candidateNames();
    CalibrationConfig base = current.orElse(CalibrationConfig.empty("none"));
    Map<String, TargetCalibrators> calibrators = new LinkedHashMap<>(base.calibrators());
    Map<String, Map<String, Double>> factors = new LinkedHashMap<>(base.factors());
    Map<String, Map<String, Double>> weights = new LinkedHashMap<>(base.weights());
    List<TargetEvaluation> evaluations = new ArrayList<>();
    List<FactorSuggestion> factorSuggestions = new ArrayList<>();
    List<WeightAdjustment> weightAdjustments = new ArrayList<>();
    List<String> rationale = new ArrayList<>();
    GateSubject.Builder subject = GateSubject.builder(joinedSamples());
    WeightAdjuster adjuster =
        WeightAdjuster.builder()
            .bounds(policy.minWeight(), policy.maxWeight())
            .maxRelativeChange(policy.maxWeightChange())
            .build();

    for (TargetData t : targets) {
      int n = t.size();
      int split = n - (int) Math.round(n * holdoutFraction);
      if (t.kind() == TargetKind.PROBABILITY) {
        TargetEvaluation e = evaluateProbability(t, split, tried, rationale);
        evaluations.add(e);
        double positives = 0;
        for (double y : t.observedView()) {
          positives += y >= 0.5 ? 1 : 0;
        }
        subject.classBalance(t.target(), n == 0 ? 0 : positives / n, n);
        if (e.calibrator().isPresent()) {
          subject.improvement(
              t.target(),
              e.lossName(),
              e.metricsBefore().get("brier"),
              e.metricsAfter().get("brier"),
              e.holdoutSize());
          List<SegmentRule> rules = new ArrayList<>();
          for (TargetEvaluation.SegmentChoice s : e.segments()) {
            if (s.ownCalibrator() && s.calibrator().isPresent()) {
              rules.add(new SegmentRule(parseLabel(s.segment()), CalibratorSpec.of(s.calibrator().get())));
            }
          }
          calibrators.put(
              t.target(),
              new TargetCalibrators(Optional.of(CalibratorSpec.of(e.calibrator().get())), rules));
        }
      } else {
        evaluations.add(evaluateValue(t, split, base, factors, factorSuggestions, subject, rationale));
      }
      String ensemble = ensembles.get(t.target());
      if (ensemble != null) {
        Map<String, Double> currentWeights = base.weights().get(ensemble);
        if (currentWeights == null || currentWeights.isEmpty()) {
          rationale.add(
              "weights " + ensemble + ": the current config has no weights for it, nothing to adjust");
        } else {
          Map<String, Double> losses = new LinkedHashMap<>();
          for (String m : currentWeights.keySet()) {
            losses.put(m, memberLoss(t, m));
          }
          String lossName = t.kind() == TargetKind.PROBABILITY ? "Brier" : "MAE";
          WeightAdjustment adj = adjuster.adjust(ensemble, currentWeights, losses, lossName);
          weightAdjustments.add(adj);
          rationale.add("weights " + ensemble + ": " + adj.message());
          subject.weights(ensemble, currentWeights, adj.after());
          if (adj.feasible()) {
            weights.put(ensemble, adj.after());
          }
        }
      }
    }
    Map<String, FactorBounds> bounds = new LinkedHashMap<>(base.bounds());
    // the factor gate looks at every table this proposal suggests, with all of its keys
    java.util.Set<String> suggestedTables = new java.util.LinkedHashSet<>();
    factorSuggestions.forEach(f -> suggestedTables.add(f.table()));
    for (String table : suggestedTables) {
      FactorBounds b = base.boundsOf(table);
      subject.factors(table, factors.get(table), b.min(), b.max());
    }

    CalibrationConfig draft =
        new CalibrationConfig(
            CalibrationConfig.SCHEMA,
            "pending",
            Optional.of(now),
            Optional.empty(),
            calibrators,
            factors,
            bounds,
            weights,
            Optional.empty());
    String version =
        "cal-"
            + VERSION_STAMP.format(now)
            + "-"
            + Proposal.sha256Hex(draft.toJson()).substring(0, 6);
    CalibrationConfig candidate =
        new CalibrationConfig(
            CalibrationConfig.SCHEMA,
            version,
            Optional.of(now),
            Optional.empty(),
            calibrators,
            factors,
            bounds,
            weights,
            Optional.empty());

    GateReport gates = new SafetyGates(policy).evaluate(subject.build());
    List<CalibrationMethod> known = new ArrayList<>();
    registry.names().forEach(name -> known.add(registry.method(name)));
    ConfigValidation validation = candidate.validate(MethodResolver.of(known));
    {
      List<CheckResult> checks = new ArrayList<>(gates.checks());
      List<ConfigProblem> errors = validation.errors();
      checks.add(
          new CheckResult(
              "config.valid",
              Severity.CRITICAL,
              errors.size(),
              0,
              errors.isEmpty(),
              errors.isEmpty()
                  ? "the candidate config validates"
                  : "CAL-GATE-009 the candidate config has "
                      + errors.size()
                      + " problem(s): "
                      + errors));
      gates = GateReport.of(checks, policy);
    }
    rationale.add(riskLine(gates));
    List<String> methodNames = tried;
    Provenance provenance =
        new Provenance(
            fingerprint(),
            seed,
            libraryVersion(),
            current.map(CalibrationConfig::version),
            holdoutFraction,
            methodNames);
    Map<String, Long> counts = new LinkedHashMap<>(joinCounts);
    for (TargetData t : targets) {
      counts.putIfAbsent("joined " + t.target(), (long) t.size());
    }
    return new Proposal(
        now,
        counts,
        candidate,
        evaluations,
        factorSuggestions,
        weightAdjustments,
        gates,
        rationale,
        changeSummary(base, candidate),
        provenance);
  }

  private long joinedSamples() {
    Long joined = joinCounts.get("joined");
    if (joined != null) {
      return joined;
    }
    long max = 0;
    for (TargetData t : targets) {
      max = Math.max(max, t.size());
    }
    return max;
  }

  private List<String> candidateNames() {
    if (!candidates.isEmpty()) {
      return candidates;
    }
    List<String> all = new ArrayList<>(registry.names());
    all.remove("identity");
    return all;
  }

  private TargetEvaluation evaluateProbability(
      TargetData t, int split, List<String> tried, List<String> rationale) {
    double[] p = t.predictedView();
    double[] y = t.observedView();
    int n = p.length;
    Map<String, Double> before = probabilityMetrics(p, y, split, n);
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, Double> after = new LinkedHashMap<>();
    List<TargetEvaluation.SegmentChoice> segments = new ArrayList<>();
    if (split < 1 || split >= n) {
      rationale.add(
          t.target() + ": " + n + " rows are too few to split into fitted and held-out parts");
      return new TargetEvaluation(
          t.target(), t.kind(), "none", "brier", Math.max(0, Math.min(split, n)),
          Math.max(0, n - split), before, after, scores, segments, Optional.empty(),
          Optional.empty());
    }
    if (tried.isEmpty()) {
      rationale.add(t.target() + ": no calibration method is available; nothing fitted");
      return new TargetEvaluation(
          t.target(), t.kind(), "none", "brier", split, n - split, before, after, scores,
          segments, Optional.empty(), Optional.empty());
    }
    Selection selection;
    try {
      selection =
          registry.select(
              CalibrationData.of(p, y),
              tried,
              SelectionOptions.defaults()
                  .withHoldoutFraction(holdoutFraction)
                  .withLoss(SelectionOptions.Loss.BRIER));
    } catch (IllegalArgumentException e) {
      rationale.add(t.target() + ": no calibrator proposed: " + e.getMessage());
      return new TargetEvaluation(
          t.target(), t.kind(), "none", "brier", split, n - split, before, after, scores,
          segments, Optional.empty(), Optional.empty());
    }
    for (Selection.CandidateScore c : selection.scores()) {
      scores.put(c.method(), c.score());
      c.failure()
          .ifPresent(
              why -> rationale.add(t.target() + ": " + c.method() + " could not be fitted: " + why));
    }
    String chosen = selection.chosen();
    CalibrationMethod method = registry.method(chosen);
    // the holdout metrics measure the chosen method fitted on the earlier rows only
    Calibrator evaluated =
        method.fit(
            CalibrationData.of(
                java.util.Arrays.copyOfRange(p, 0, split), java.util.Arrays.copyOfRange(y, 0, split)));
    after = probabilityMetrics(applied(evaluated, p), y, split, n);
    rationale.add(
        String.format(
            Locale.ROOT,
            "%s: %s chosen of %s by Brier on the %d latest rows (fitted on the %d earlier):"
                + " %.6f raw, %.6f calibrated (%s); proposed refitted on all %d rows",
            t.target(),
            chosen,
            tried,
            n - split,
            split,
            before.get("brier"),
            after.get("brier"),
            pct(before.get("brier"), after.get("brier")),
            n));
    segments = segmentChoices(t, split, evaluated, method);
    return new TargetEvaluation(
        t.target(),
        t.kind(),
        chosen,
        "brier",
        split,
        n - split,
        before,
        after,
        scores,
        segments,
        Optional.of(selection.calibrator()),
        Optional.of(evaluated));
  }

  private List<TargetEvaluation.SegmentChoice> segmentChoices(
      TargetData t, int split, Calibrator parent, CalibrationMethod method) {
    String methodName = method.name();
    double[] p = t.predictedView();
    double[] y = t.observedView();
    int[] seg = t.segmentView();
    List<TargetEvaluation.SegmentChoice> out = new ArrayList<>();
    int labels = t.segmentLabels().size();
    List<List<Integer>> trainBySegment = new ArrayList<>(labels);
    List<List<Integer>> holdBySegment = new ArrayList<>(labels);
    for (int s = 0; s < labels; s++) {
      trainBySegment.add(new ArrayList<>());
      holdBySegment.add(new ArrayList<>());
    }
    for (int i = 0; i < p.length; i++) {
      if (seg[i] >= 0) {
        (i < split ? trainBySegment : holdBySegment).get(seg[i]).add(i);
      }
    }
    for (int s = 0; s < labels; s++) {
      String label = t.segmentLabels().get(s);
      List<Integer> trainRows = trainBySegment.get(s);
      List<Integer> holdRows = holdBySegment.get(s);
      long count = trainRows.size() + holdRows.size();
      if (label.equals("all") || label.contains("(none)")) {
        continue; // the whole data, or rows without the attribute: the default covers them
      }
      double parentLoss = subsetBrier(parent, p, y, holdRows);
      if (count < minSegmentCount || holdRows.isEmpty() || trainRows.isEmpty()) {
        out.add(
            new TargetEvaluation.SegmentChoice(
                label,
                count,
                false,
                count < minSegmentCount
                    ? count + " rows < " + minSegmentCount + ": uses the target default"
                    : "no rows on one side of the time split: uses the target default",
                parentLoss,
                Double.NaN,
                Optional.empty()));
        continue;
      }
      double[] sp = new double[trainRows.size()];
      double[] sy = new double[trainRows.size()];
      for (int j = 0; j < sp.length; j++) {
        sp[j] = p[trainRows.get(j)];
        sy[j] = y[trainRows.get(j)];
      }
      try {
        Calibrator own = method.fit(CalibrationData.of(sp, sy));
        double ownLoss = subsetBrier(own, p, y, holdRows);
        boolean better = ownLoss < parentLoss;
        out.add(
            new TargetEvaluation.SegmentChoice(
                label,
                count,
                better,
                String.format(
                    Locale.ROOT,
                    "holdout Brier %.6f with its own %s vs %.6f with the default: %s",
                    ownLoss,
                    methodName,
                    parentLoss,
                    better ? "own calibrator" : "uses the target default"),
                parentLoss,
                ownLoss,
                better ? Optional.of(refit(method, p, y, trainRows, holdRows)) : Optional.empty()));
      } catch (IllegalArgumentException e) {
        out.add(
            new TargetEvaluation.SegmentChoice(
                label,
                count,
                false,
                "own fit failed (" + e.getMessage() + "): uses the target default",
                parentLoss,
                Double.NaN,
                Optional.empty()));
      }
    }
    return out;
  }

  private static Calibrator refit(
      CalibrationMethod method, double[] p, double[] y, List<Integer> a, List<Integer> b) {
    double[] sp = new double[a.size() + b.size()];
    double[] sy = new double[sp.length];
    int k = 0;
    for (List<Integer> rows : List.of(a, b)) {
      for (int i : rows) {
        sp[k] = p[i];
        sy[k++] = y[i];
      }
    }
    return method.fit(CalibrationData.of(sp, sy));
  }

  private TargetEvaluation evaluateValue(
      TargetData t,
      int split,
      CalibrationConfig base,
      Map<String, Map<String, Double>> factors,
      List<FactorSuggestion> suggestions,
      GateSubject.Builder subject,
      List<String> rationale) {
    double[] p = t.predictedView();
    double[] y = t.observedView();
    int n = p.length;
    Map<String, Double> before = valueMetrics(p, y, split, n);
    Map<String, Double> after = new LinkedHashMap<>();
    String[] spec = factorTables.get(t.target());
    if (spec != null) {
      String table = spec[0];
      String attribute = spec[1];
      String[] keys = new String[n];
      Map<String, Double> currentFactors = new LinkedHashMap<>();
      Map<String, Double> existing = base.factors().getOrDefault(table, Map.of());
      // every key of the table in config order (keys without rows keep their factor), then new
      // keys in the order the data show them, starting from 1.0
      currentFactors.putAll(existing);
      int[] seg = t.segmentView();
      for (int i = 0; i < n; i++) {
        String key = seg[i] < 0 ? "" : parseLabel(t.segmentLabels().get(seg[i])).getOrDefault(attribute, "");
        keys[i] = key;
        if (!key.isEmpty() && !currentFactors.containsKey(key)) {
          currentFactors.put(key, existing.getOrDefault(key, 1.0));
        }
      }
      FactorBounds b = base.boundsOf(table);
      FactorSuggester suggester =
          FactorSuggester.builder()
              .shrinkage(factorSuggester.shrinkage())
              .bounds(table, b.min(), b.max())
              .build();
      List<FactorSuggestion> all = suggester.suggestAll(table, currentFactors, keys, p, y);
      suggestions.addAll(all);
      Map<String, Double> merged = new LinkedHashMap<>(existing);
      all.forEach(s -> merged.put(s.key(), s.suggested()));
      factors.put(table, merged);
      // holdout evaluation: factors suggested from the earlier rows only
      if (split >= 1 && split < n) {
        List<FactorSuggestion> early =
            suggester.suggestAll(
                table,
                currentFactors,
                java.util.Arrays.copyOfRange(keys, 0, split),
                java.util.Arrays.copyOfRange(p, 0, split),
                java.util.Arrays.copyOfRange(y, 0, split));
        Map<String, Double> scale = new LinkedHashMap<>();
        early.forEach(s -> scale.put(s.key(), s.suggested() / s.current()));
        double[] q = p.clone();
        for (int i = split; i < n; i++) {
          q[i] = p[i] * scale.getOrDefault(keys[i], 1.0);
        }
        after = valueMetrics(q, y, split, n);
        rationale.add(
            String.format(
                Locale.ROOT,
                "%s: %d factors of %s suggested; holdout MAE %.4f raw, %.4f with factors from the"
                    + " earlier rows (%s)",
                t.target(),
                all.size(),
                table,
                before.get("mae"),
                after.get("mae"),
                pct(before.get("mae"), after.get("mae"))));
      }
    }
    return new TargetEvaluation(
        t.target(),
        t.kind(),
        "none",
        "mae",
        Math.max(0, Math.min(split, n)),
        Math.max(0, n - split),
        before,
        after,
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  private static double memberLoss(TargetData t, String member) {
    double[] m = t.member(member);
    double[] y = t.observedView();
    double s = 0;
    int k = 0;
    for (int i = 0; i < m.length; i++) {
      if (Double.isFinite(m[i])) {
        double d = m[i] - y[i];
        s += t.kind() == TargetKind.PROBABILITY ? d * d : Math.abs(d);
        k++;
      }
    }
    return k == 0 ? Double.NaN : s / k;
  }

  private static double[] applied(Calibrator c, double[] p) {
    double[] q = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      q[i] = c.apply(p[i]);
    }
    return q;
  }

  private static double subsetBrier(Calibrator c, double[] p, double[] y, List<Integer> rows) {
    if (rows.isEmpty()) {
      return Double.NaN;
    }
    double s = 0;
    for (int i : rows) {
      double d = c.apply(p[i]) - y[i];
      s += d * d;
    }
    return s / rows.size();
  }

  private static Map<String, Double> probabilityMetrics(double[] p, double[] y, int from, int to) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("brier", Losses.brier(p, y, from, to));
    m.put("log_loss", Losses.logLoss(p, y, from, to));
    m.put("ece", Losses.ece(p, y, from, to));
    return m;
  }

  private static Map<String, Double> valueMetrics(double[] p, double[] y, int from, int to) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("mae", Losses.mae(p, y, from, to));
    m.put("rmse", Losses.rmse(p, y, from, to));
    m.put("bias", Losses.bias(p, y, from, to));
    return m;
  }

  private static String pct(double before, double after) {
    if (!(before > 0) || !Double.isFinite(after)) {
      return "no relative change defined";
    }
    return String.format(Locale.ROOT, "%+.1f%%", 100 * (after - before) / before);
  }

  /** Parses {@code k=v[,k2=v2...]} into an attribute map (a label without '=' maps to itself). */
  static Map<String, String> parseLabel(String label) {
    Map<String, String> m = new TreeMap<>();
    for (String part : label.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      } else if (!part.isBlank()) {
        m.put("segment", part.trim());
      }
    }
    return m;
  }

  private static String riskLine(GateReport gates) {
    List<String> failed = new ArrayList<>();
    gates.failures().forEach(c -> failed.add(c.name()));
    return String.format(
        Locale.ROOT,
        "risk %s (%.3f): %d of %d checks failed%s",
        gates.riskLevel(),
        gates.riskScore(),
        failed.size(),
        gates.checks().size(),
        failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")");
  }

  private static List<String> changeSummary(CalibrationConfig base, CalibrationConfig cand) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, TargetCalibrators> e : cand.calibrators().entrySet()) {
      TargetCalibrators old = base.calibrators().get(e.getKey());
      if (e.getValue().equals(old)) {
        continue;
      }
      String was =
          old == null ? "none" : old.defaultCalibrator().map(CalibratorSpec::method).orElse("none");
      String now = e.getValue().defaultCalibrator().map(CalibratorSpec::method).orElse("none");
      out.add(
          "calibrator "
              + e.getKey()
              + ": "
              + was
              + " -> "
              + now
              + (was.equals(now) ? " (refitted)" : "")
              + ", "
              + e.getValue().segments().size()
              + " segment rule(s)");
    }
    for (Map.Entry<String, Map<String, Double>> t : cand.factors().entrySet()) {
      Map<String, Double> old = base.factors().getOrDefault(t.getKey(), Map.of());
      t.getValue()
          .forEach(
              (k, v) -> {
                Double was = old.get(k);
                if (was == null || Math.abs(was - v) > 1e-12) {
                  out.add(
                      String.format(
                          Locale.ROOT,
                          "factor %s.%s: %s -> %.4f",
                          t.getKey(),
                          k,
                          was == null ? "unset" : String.format(Locale.ROOT, "%.4f", was),
                          v));
                }
              });
    }
    for (Map.Entry<String, Map<String, Double>> w : cand.weights().entrySet()) {
      Map<String, Double> old = base.weights().getOrDefault(w.getKey(), Map.of());
      w.getValue()
          .forEach(
              (k, v) -> {
                Double was = old.get(k);
                if (was == null || Math.abs(was - v) > 1e-12) {
                  out.add(
                      String.format(
                          Locale.ROOT,
                          "weight %s.%s: %s -> %.4f",
                          w.getKey(),
                          k,
                          was == null ? "unset" : String.format(Locale.ROOT, "%.4f", was),
                          v));
                }
              });
    }
    if (out.isEmpty()) {
      out.add("no change to the current config");
    }
    return out;
  }

  private String fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (TargetData t : targets) {
        md.update(t.target().getBytes(StandardCharsets.UTF_8));
        ByteBuffer buf = ByteBuffer.allocate(24 * 4096);
        double[] p = t.predictedView();
        double[] y = t.observedView();
        long[] ts = t.timestampsView();
        for (int i = 0; i < p.length; i++) {
          if (!buf.hasRemaining()) {
            md.update(buf.array(), 0, buf.position());
            buf.clear();
          }
          buf.putDouble(p[i]).putDouble(y[i]).putLong(ts[i]);
        }
        md.update(buf.array(), 0, buf.position());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static String libraryVersion() {
    String v = ProposalBuilder.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
