package dev.calibration.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calibration.core.calibrate.CalibrationMethods;
import dev.calibration.core.config.CalibrationConfig;
import dev.calibration.core.config.ConfigException;
import dev.calibration.core.internal.io.AtomicFiles;
import dev.calibration.core.metrics.ProbabilityMetrics;
import dev.calibration.core.metrics.TargetMetrics;
import dev.calibration.core.metrics.ValueMetrics;
import dev.calibration.core.outcome.OutcomeMapping;
import dev.calibration.core.outcome.OutcomeReadPolicy;
import dev.calibration.core.propose.CheckResult;
import dev.calibration.core.propose.FactorSuggestion;
import dev.calibration.core.propose.Proposal;
import dev.calibration.core.propose.ProposalBuilder;
import dev.calibration.core.propose.SuggestionsFiles;
import dev.calibration.core.propose.TargetData;
import dev.calibration.core.propose.TargetEvaluation;
import dev.calibration.core.propose.WeightAdjustment;
import dev.calibration.core.report.ProposalReport;
import dev.calibration.core.report.ReportWriter;
import dev.calibration.core.run.CalibrationRun;
import dev.calibration.core.run.CalibrationRunException;
import dev.calibration.core.run.JoinCounts;
import dev.calibration.core.run.MetricsFiles;
import dev.calibration.core.run.RunProgress;
import dev.calibration.core.run.RunResult;
import dev.calibration.core.run.TargetMapping;
import dev.calibration.core.run.TargetResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code calibration run} does, shared with the demo: join and measure ({@link
 * CalibrationRun}), fit, suggest and gate ({@link ProposalBuilder}), and write the files.
 */
final class RunPipeline {

  /** Everything the run was asked to do. */
  record Request(
      List<Path> predictions,
      List<Path> outcomes,
      List<String> targets,
      List<String> segmentBy,
      String method,
      Path out,
      boolean skipBadLines,
      long seed,
      Map<String, String> factorTables,
      Map<String, String> ensembles,
      Optional<Path> current,
      String outcomeId,
      Optional<String> outcomeTimestamp) {}

  /** What the run produced and where it went. */
  record Outcome(RunResult result, Proposal proposal, Map<String, Path> files) {}

  private RunPipeline() {}

  static Outcome execute(Request r, Clock clock, Progress progress) {
    for (Path p : r.predictions()) {
      requireFile(p);
    }
    for (Path p : r.outcomes()) {
      requireFile(p);
    }
    CalibrationMethods methods = Methods.discover();
    List<String> candidates = List.of();
    if (!r.method().equals("auto")) {
      Methods.resolve(r.method());
      candidates = List.of(r.method());
    }
    Optional<CalibrationConfig> current = r.current().map(RunPipeline::readConfig);

    CalibrationRun.Builder b =
        CalibrationRun.builder()
            .predictionFiles(r.predictions().toArray(Path[]::new))
            .outcomeFiles(outcomeMapping(r), r.outcomes().toArray(Path[]::new))
            .policy(r.skipBadLines() ? OutcomeReadPolicy.SKIP : OutcomeReadPolicy.FAIL)
            .clock(clock);
    List<TargetMapping> mappings = new ArrayList<>();
    try {
      for (String t : r.targets()) {
        TargetMapping m = TargetMapping.parse(t);
        b.target(m);
        mappings.add(m);
      }
      b.segmentBy(r.segmentBy().toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      throw CliException.usage(String.valueOf(e.getMessage()));
    }
    requireOutcomeColumns(r.outcomes(), mappings);
    if (progress.enabled()) {
      b.progress(
          new RunProgress() {
            @Override
            public void stage(String name) {
              progress.stage(name);
              progress.note();
            }

            @Override
            public void records(long read) {
              progress.update(read);
            }
          });
    }
    RunResult result;
    try {
      result = b.build().execute();
    } catch (CalibrationRunException e) {
      throw CliException.data(String.valueOf(e.getMessage()), e);
    } catch (UncheckedIOException e) {
      throw CliException.data("cannot read the input: " + e.getCause().getMessage(), e);
    }

    progress.stage("fit+propose");
    progress.note();
    ProposalBuilder pb =
        ProposalBuilder.from(result).methods(methods).seed(r.seed()).clock(clock);
    try {
      if (!candidates.isEmpty()) {
        pb.candidates(candidates);
      }
      current.ifPresent(pb::current);
      for (Map.Entry<String, String> f : r.factorTables().entrySet()) {
        String[] tableAndAttribute = f.getValue().split(":", 2);
        if (tableAndAttribute.length != 2 || tableAndAttribute[0].isBlank()
            || tableAndAttribute[1].isBlank()) {
          throw CliException.usage(
              "--factor-table must look like TARGET=TABLE:ATTRIBUTE, e.g."
                  + " price=CONDITION_PRICE_FACTOR:condition, but was " + f.getKey() + "="
                  + f.getValue());
        }
        pb.factorTable(f.getKey(), tableAndAttribute[0], tableAndAttribute[1]);
      }
      r.ensembles().forEach(pb::ensemble);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(String.valueOf(e.getMessage()));
    }
    Proposal proposal = pb.build();

    progress.stage("write");
    progress.note();
    Map<String, Path> files = new LinkedHashMap<>();
    try {
      Files.createDirectories(r.out());
      files.put("metrics", MetricsFiles.write(r.out(), result, clock));
      List<Path> suggestionFiles = SuggestionsFiles.write(r.out(), proposal, clock);
      files.put("suggestions", suggestionFiles.get(0));
      files.put("canonical suggestions", suggestionFiles.get(1));
      Path proposalFile = r.out().resolve("proposal.json");
      AtomicFiles.write(proposalFile, proposal.toJson());
      files.put("proposal", proposalFile);
      Path config = r.out().resolve("calibration.json");
      AtomicFiles.write(config, proposal.candidate().toJson());
      files.put("candidate config", config);
      List<TargetData> data = new ArrayList<>();
      for (String t : result.targets().keySet()) {
        data.add(TargetData.of(result.joined(t)));
      }
      List<Path> reports = ReportWriter.writeAll(r.out(), ProposalReport.of(proposal, data));
      files.put("report", reports.get(0));
      files.put("report (json)", reports.get(1));
      files.put("report (html)", reports.get(2));
    } catch (IOException e) {
      throw CliException.data("cannot write to " + r.out() + ": " + e.getMessage(), e);
    }
    return new Outcome(result, proposal, files);
  }

  /**
   * The outcome columns: the id column given, and the timestamp column given or else {@code ts} or
   * {@code timestamp} when the first CSV file's header has one (otherwise it would be read as an
   * observed value and counted as non-numeric).
   */
  private static OutcomeMapping outcomeMapping(Request r) {
    OutcomeMapping.Builder m = OutcomeMapping.builder().idColumn(r.outcomeId());
    Optional<String> ts = r.outcomeTimestamp();
    if (ts.isEmpty()) {
      for (Path p : r.outcomes()) {
        if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
          List<String> header = csvHeader(p);
          ts = header.contains("ts") ? Optional.of("ts")
              : header.contains("timestamp") ? Optional.of("timestamp") : Optional.empty();
          break;
        }
      }
    }
    ts.ifPresent(m::timestampColumn);
    return m.build();
  }

  /**
   * Every column a target names (observed value, stake, payout, closing) must be in the header of
   * at least one outcome file (all CSV); otherwise a typo in {@code --target} would silently join
   * nothing. JSONL outcome files have no header, so with one of them the run reads on and the
   * summary shows what joined.
   */
  private static void requireOutcomeColumns(List<Path> outcomes, List<TargetMapping> mappings) {
    Map<Path, List<String>> headers = new LinkedHashMap<>();
    for (Path p : outcomes) {
      if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
        return; // as CalibrationRun reads it: JSONL by extension, CSV otherwise
      }
      headers.put(p, csvHeader(p));
    }
    for (TargetMapping m : mappings) {
      List<String> columns = new ArrayList<>();
      columns.add(m.outcomeColumn());
      m.stakeColumn().ifPresent(columns::add);
      m.payoutColumn().ifPresent(columns::add);
      m.closingColumn().ifPresent(columns::add);
      for (String column : columns) {
        if (headers.values().stream().noneMatch(h -> h.contains(column))) {
          Map.Entry<Path, List<String>> first = headers.entrySet().iterator().next();
          throw CliException.data(
              first.getKey() + ":1: no column '" + column + "' for target '" + m.target()
                  + "' (the header has " + String.join(", ", first.getValue())
                  + "); check --target " + m.target() + "=COLUMN");
        }
      }
    }
  }

  private static List<String> csvHeader(Path csv) {
    try (java.io.BufferedReader in =
        Files.newBufferedReader(csv, java.nio.charset.StandardCharsets.UTF_8)) {
      String line = in.readLine();
      List<String> names = new ArrayList<>();
      if (line != null) {
        for (String h : line.split(",", -1)) {
          names.add(h.strip().replace("\"", ""));
        }
      }
      return names;
    } catch (IOException e) {
      throw CliException.data(csv + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void requireFile(Path p) {
    if (!Files.isRegularFile(p)) {
      throw CliException.data(p + ": no such file");
    }
  }

  static CalibrationConfig readConfig(Path file) {
    requireFile(file);
    try {
      return CalibrationConfig.parse(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw CliException.data(file + ": cannot read: " + e.getMessage(), e);
    } catch (ConfigException e) {
      throw CliException.data(String.valueOf(e.getMessage()), e);
    }
  }

  // ------------------------------------------------------------------ the summary

  static void printSummary(Outcome o, PrintWriter w) {
    JoinCounts c = o.result().joinCounts();
    w.printf(
        Locale.ROOT,
        "read %,d predictions and %,d outcomes: %,d settled, %,d pending, %,d void, %,d push,"
            + " %,d orphan outcomes, %,d duplicate predictions, %,d skipped lines%n",
        c.predictionsRead(),
        c.outcomesRead(),
        c.settled(),
        c.pending(),
        c.voided(),
        c.pushed(),
        c.orphanOutcomes(),
        c.duplicatePredictions(),
        c.predictionsSkipped() + c.outcomesSkipped());
    int shown = 0;
    for (String problem : c.problems()) {
      if (shown++ == 5) {
        w.println("  ... and more; every count is in the metrics file");
        break;
      }
      w.println("  " + problem);
    }
    Map<String, TargetEvaluation> evaluations = new LinkedHashMap<>();
    for (TargetEvaluation e : o.proposal().evaluations()) {
      evaluations.put(e.target(), e);
    }
    for (Map.Entry<String, TargetResult> t : o.result().targets().entrySet()) {
      TargetMetrics m = t.getValue().overall();
      if (m instanceof ValueMetrics v) {
        w.printf(
            Locale.ROOT,
            "%-10s value        n=%,d  MAE %.4f  RMSE %.4f  bias %+.4f%n",
            t.getKey(), v.n(), v.mae(), v.rmse(), v.bias());
      } else if (m instanceof ProbabilityMetrics p) {
        w.printf(
            Locale.ROOT,
            "%-10s probability  n=%,d  Brier %.4f  log loss %.4f  ECE %.4f%n",
            t.getKey(), p.n(), p.brier(), p.logLoss(), p.ece());
      }
      TargetEvaluation e = evaluations.get(t.getKey());
      if (e != null && e.calibrator().isPresent()) {
        Double before = e.metricsBefore().get("brier");
        Double after = e.metricsAfter().get("brier");
        w.printf(
            Locale.ROOT,
            "           chosen method %s: holdout Brier %.4f -> %.4f (%d held out)%n",
            e.method(),
            before == null ? Double.NaN : before,
            after == null ? Double.NaN : after,
            e.holdoutSize());
      }
    }
    for (FactorSuggestion f : o.proposal().factors()) {
      w.printf(
          Locale.ROOT,
          "factor %s.%s %.4f -> %.4f (n=%,d)%n",
          f.table(), f.key(), f.current(), f.suggested(), f.n());
    }
    for (WeightAdjustment a : o.proposal().weights()) {
      w.printf(Locale.ROOT, "weights %s: %s%n", a.ensemble(), a.message());
    }
    long failed = o.proposal().gates().checks().stream().filter(x -> !x.passed()).count();
    w.printf(
        Locale.ROOT,
        "risk %s (%.2f): %d of %d checks failed%n",
        o.proposal().gates().riskLevel(),
        o.proposal().gates().riskScore(),
        failed,
        o.proposal().gates().checks().size());
    for (CheckResult x : o.proposal().gates().checks()) {
      if (!x.passed()) {
        w.println("  failed " + x.severity() + " " + x.name() + ": " + x.message());
      }
    }
    w.println("files:");
    o.files().forEach((k, v) -> w.println("  " + k + ": " + v));
  }

  static String summaryJson(Outcome o) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    JoinCounts c = o.result().joinCounts();
    ObjectNode counts = root.putObject("counts");
    counts.put("predictions_read", c.predictionsRead());
    counts.put("predictions_skipped", c.predictionsSkipped());
    counts.put("duplicate_predictions", c.duplicatePredictions());
    counts.put("outcomes_read", c.outcomesRead());
    counts.put("outcomes_skipped", c.outcomesSkipped());
    counts.put("orphan_outcomes", c.orphanOutcomes());
    counts.put("pending", c.pending());
    counts.put("void", c.voided());
    counts.put("push", c.pushed());
    counts.put("settled", c.settled());
    ArrayNode targets = root.putArray("targets");
    Map<String, TargetEvaluation> evaluations = new LinkedHashMap<>();
    for (TargetEvaluation e : o.proposal().evaluations()) {
      evaluations.put(e.target(), e);
    }
    for (Map.Entry<String, TargetResult> t : o.result().targets().entrySet()) {
      ObjectNode n = targets.addObject();
      n.put("target", t.getKey());
      TargetMetrics m = t.getValue().overall();
      if (m instanceof ValueMetrics v) {
        n.put("kind", "value");
        n.put("n", v.n());
        n.put("mae", v.mae());
        n.put("rmse", v.rmse());
        n.put("bias", v.bias());
      } else if (m instanceof ProbabilityMetrics p) {
        n.put("kind", "probability");
        n.put("n", p.n());
        n.put("brier", p.brier());
        n.put("log_loss", p.logLoss());
        n.put("ece", p.ece());
      }
      TargetEvaluation e = evaluations.get(t.getKey());
      if (e != null) {
        n.put("method", e.method());
        n.set("holdout_before", Json.MAPPER.valueToTree(e.metricsBefore()));
        n.set("holdout_after", Json.MAPPER.valueToTree(e.metricsAfter()));
      }
    }
    ObjectNode risk = root.putObject("risk");
    risk.put("level", o.proposal().gates().riskLevel().name());
    risk.put("score", o.proposal().gates().riskScore());
    risk.put("blocking", o.proposal().gates().blocking());
    ObjectNode files = root.putObject("files");
    o.files().forEach((k, v) -> files.put(k.replace(' ', '_'), v.toString()));
    try {
      return Json.MAPPER.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
