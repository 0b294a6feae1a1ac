package dev.calibration.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calibration.core.internal.io.AtomicFiles;
import dev.calibration.core.propose.CheckResult;
import dev.calibration.core.propose.FactorSuggestion;
import dev.calibration.core.propose.WeightAdjustment;
import dev.calibration.core.propose.WeightChange;
import dev.calibration.core.report.CalibrationReport.Bin;
import dev.calibration.core.report.CalibrationReport.EcePoint;
import dev.calibration.core.report.CalibrationReport.MappingRow;
import dev.calibration.core.report.CalibrationReport.SegmentRow;
import dev.calibration.core.report.CalibrationReport.TargetSection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link CalibrationReport} as Markdown, JSON, or one self-contained HTML file.
 *
 * <p>The HTML is well-formed XML (XHTML served as HTML) with inline CSS and inline SVG: no
 * scripts, fonts or network, so it opens from disk anywhere. Each probability target gets
 * reliability diagrams before and after calibration with the diagonal, one point per non-empty
 * bin (its area grows with the bin's count, its whisker is the 95% Wilson interval) and count
 * bars; an ECE-over-time chart appears when the data cover at least {@value #MIN_WEEKS_FOR_TREND}
 * weeks.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportWriter {
  /** Weekly points needed before the ECE-over-time chart is drawn. */
  public static final int MIN_WEEKS_FOR_TREND = 3;

  static final String SVG_NS = "http://www.w3.org/2000/svg";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /**
   * Writes {@code report.md}, {@code report.json} and {@code report.html} into {@code dir}, each
   * atomically.
   *
   * @param dir the directory, created if missing
   * @param report the report
   * @return the three paths, in that order
   * @throws IOException when a file cannot be written
   */
  public static List<Path> writeAll(Path dir, CalibrationReport report) throws IOException {
    Path md = dir.resolve("report.md");
    Path json = dir.resolve("report.json");
    Path html = dir.resolve("report.html");
    AtomicFiles.write(md, markdown(report).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(json, json(report));
    AtomicFiles.write(html, html(report).getBytes(StandardCharsets.UTF_8));
    return List.of(md, json, html);
  }

  // ---------------------------------------------------------------- Markdown

  /**
   * The report as Markdown.
   *
   * @param r the report
   * @return the Markdown text
   */
  public static String markdown(CalibrationReport r) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("# ").append(r.title()).append("\n\n");
    sb.append("- Subject: `").append(r.subjectId()).append("`\n");
    sb.append("- Generated: ").append(r.generatedAt()).append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "- Risk: **%s** (score %.3f)%s%n%n",
            r.gates().riskLevel(),
            r.gates().riskScore(),
            r.gates().blocking() ? " - BLOCKED: cannot be approved" : ""));
    sb.append("## Data\n\n| | count |\n| --- | ---: |\n");
    for (Map.Entry<String, Long> e : r.data().counts().entrySet()) {
      sb.append("| ").append(md(e.getKey())).append(" | ").append(e.getValue()).append(" |\n");
    }
    if (r.data().from().isPresent() && r.data().to().isPresent()) {
      sb.append("\nPredictions from ")
          .append(r.data().from().get())
          .append(" to ")
          .append(r.data().to().get())
          .append(".\n");
    }
    sb.append('\n');
    for (TargetSection t : r.targets()) {
      sb.append("## Target `").append(t.target()).append("` (").append(t.kind()).append(")\n\n");
      sb.append("Method: `").append(t.method()).append("`\n\n");
      metricsTableMd(sb, t);
      if (!t.mapping().isEmpty()) {
        sb.append("### Mapping\n\n| predicted | calibrated | adjustment |\n| ---: | ---: | ---: |\n");
        for (MappingRow m : t.mapping()) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "| %.2f | %.4f | %+.4f |%n",
                  m.predicted(),
                  m.calibrated(),
                  m.adjustment()));
        }
        sb.append('\n');
      }
      if (!t.eceOverTime().isEmpty()) {
        sb.append("### ECE by week\n\n| week from | n | ECE |\n| --- | ---: | ---: |\n");
        for (EcePoint p : t.eceOverTime()) {
          sb.append("| ")
              .append(p.periodStart().toString(), 0, 10)
              .append(" | ")
              .append(p.count())
              .append(" | ")
              .append(num(p.ece()))
              .append(" |\n");
        }
        sb.append('\n');
      }
      if (!t.segments().isEmpty()) {
        Set<String> cols = segmentColumns(t.segments());
        sb.append("### Segments\n\n| segment | n | calibrator |");
        cols.forEach(c -> sb.append(' ').append(md(c)).append(" |"));
        sb.append("\n| --- | ---: | --- |");
        cols.forEach(c -> sb.append(" ---: |"));
        sb.append('\n');
        for (SegmentRow s : t.segments()) {
          sb.append("| ")
              .append(md(s.segment()))
              .append(" | ")
              .append(s.count())
              .append(" | ")
              .append(md(s.calibrator()))
              .append(" |");
          for (String c : cols) {
            sb.append(' ').append(num(s.metrics().getOrDefault(c, Double.NaN))).append(" |");
          }
          sb.append('\n');
        }
        sb.append('\n');
      }
    }
    if (!r.weights().isEmpty()) {
      sb.append("## Ensemble weights\n\n");
      for (WeightAdjustment w : r.weights()) {
        sb.append("### `").append(w.ensemble()).append("`\n\n").append(md(w.message())).append("\n\n");
        if (!w.changes().isEmpty()) {
          sb.append(
              "| member | before | after | delta | change % | reason |\n"
                  + "| --- | ---: | ---: | ---: | ---: | --- |\n");
          for (WeightChange c : w.changes()) {
            sb.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %.4f | %.4f | %+.4f | %+.1f%% | %s |%n",
                    md(c.member()),
                    c.before(),
                    c.after(),
                    c.delta(),
                    c.changePercent(),
                    md(c.reason())));
          }
          sb.append('\n');
        }
      }
    }
    if (!r.factors().isEmpty()) {
      sb.append(
          "## Factors\n\n| table | key | n | current | suggested | change % | reason |\n"
              + "| --- | --- | ---: | ---: | ---: | ---: | --- |\n");
      for (FactorSuggestion f : r.factors()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %.4f | %.4f | %+.1f%% | %s |%n",
                md(f.table()),
                md(f.key()),
                f.n(),
                f.current(),
                f.suggested(),
                f.changePercent(),
                md(f.reason())));
      }
      sb.append('\n');
    }
    sb.append(
        "## Safety checks\n\n| check | severity | measured | threshold | result | message |\n"
            + "| --- | --- | ---: | ---: | --- | --- |\n");
    for (CheckResult c : r.gates().checks()) {
      sb.append("| ")
          .append(md(c.name()))
          .append(" | ")
          .append(c.severity())
          .append(" | ")
          .append(num(c.measured()))
          .append(" | ")
          .append(num(c.threshold()))
          .append(" | ")
          .append(c.passed() ? "pass" : "**FAIL**")
          .append(" | ")
          .append(md(c.message()))
          .append(" |\n");
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%nRisk score %.3f = (0.5 x critical + 0.3 x error + 0.1 x warning failures) / %d"
                + " checks: **%s**.%n%n",
            r.gates().riskScore(),
            r.gates().checks().size(),
            r.gates().riskLevel()));
    if (!r.rationale().isEmpty()) {
      sb.append("## Rationale\n\n");
      r.rationale().forEach(line -> sb.append("- ").append(line).append('\n'));
      sb.append('\n');
    }
    sb.append("## Commands\n\n```\n");
    if (!r.gates().blocking()) {
      sb.append(r.approveCommand()).append('\n');
    } else {
      sb.append("# blocked by high risk: approval is refused\n");
    }
    sb.append(r.rejectCommand()).append('\n');
    sb.append("# after activation, to go back to the previous version:\n");
    sb.append(r.rollbackCommand()).append("\n```\n");
    return sb.toString();
  }

  private static void metricsTableMd(StringBuilder sb, TargetSection t) {
    Set<String> names = new LinkedHashSet<>(t.metricsBefore().keySet());
    names.addAll(t.metricsAfter().keySet());
    if (names.isEmpty()) {
      return;
    }
    sb.append("| metric (holdout) | before | after |\n| --- | ---: | ---: |\n");
    for (String n : names) {
      sb.append("| ")
          .append(md(n))
          .append(" | ")
          .append(num(t.metricsBefore().getOrDefault(n, Double.NaN)))
          .append(" | ")
          .append(num(t.metricsAfter().getOrDefault(n, Double.NaN)))
          .append(" |\n");
    }
    sb.append('\n');
  }

  private static Set<String> segmentColumns(List<SegmentRow> rows) {
    Set<String> cols = new LinkedHashSet<>();
    rows.forEach(s -> cols.addAll(s.metrics().keySet()));
    return cols;
  }

  private static String md(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String num(double v) {
    if (!Double.isFinite(v)) {
      return "-";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  // ---------------------------------------------------------------- JSON

  /**
   * The report as indented UTF-8 JSON; non-finite numbers are written as {@code null}.
   *
   * @param r the report
   * @return the JSON bytes
   */
  public static byte[] json(CalibrationReport r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", 1);
    root.put("title", r.title());
    root.put("subject", r.subjectId());
    root.put("generated_at", r.generatedAt().toString());
    ObjectNode data = root.putObject("data");
    ObjectNode counts = data.putObject("counts");
    r.data().counts().forEach(counts::put);
    r.data().from().ifPresent(f -> data.put("from", f.toString()));
    r.data().to().ifPresent(t -> data.put("to", t.toString()));
    ArrayNode targets = root.putArray("targets");
    for (TargetSection t : r.targets()) {
      ObjectNode o = targets.addObject();
      o.put("target", t.target());
      o.put("kind", t.kind());
      o.put("method", t.method());
      numbers(o.putObject("metrics_before"), t.metricsBefore());
      numbers(o.putObject("metrics_after"), t.metricsAfter());
      bins(o.putArray("bins_before"), t.binsBefore());
      bins(o.putArray("bins_after"), t.binsAfter());
      ArrayNode map = o.putArray("mapping");
      for (MappingRow m : t.mapping()) {
        ObjectNode row = map.addObject();
        put(row, "predicted", m.predicted());
        put(row, "calibrated", m.calibrated());
        put(row, "adjustment", m.adjustment());
      }
      ArrayNode ece = o.putArray("ece_over_time");
      for (EcePoint p : t.eceOverTime()) {
        ObjectNode row = ece.addObject();
        row.put("period_start", p.periodStart().toString());
        row.put("n", p.count());
        put(row, "ece", p.ece());
      }
      ArrayNode segs = o.putArray("segments");
      for (SegmentRow s : t.segments()) {
        ObjectNode row = segs.addObject();
        row.put("segment", s.segment());
        row.put("n", s.count());
        row.put("calibrator", s.calibrator());
        numbers(row.putObject("metrics"), s.metrics());
      }
    }
    ArrayNode weights = root.putArray("weights");
    for (WeightAdjustment w : r.weights()) {
      ObjectNode o = weights.addObject();
      o.put("ensemble", w.ensemble());
      o.put("loss", w.lossName());
      o.put("feasible", w.feasible());
      o.put("message", w.message());
      numbers(o.putObject("before"), w.before());
      numbers(o.putObject("after"), w.after());
      ArrayNode ch = o.putArray("changes");
      for (WeightChange c : w.changes()) {
        ObjectNode row = ch.addObject();
        row.put("member", c.member());
        put(row, "before", c.before());
        put(row, "after", c.after());
        put(row, "delta", c.delta());
        put(row, "change_pct", c.changePercent());
        put(row, "target", c.target());
        put(row, "loss", c.loss());
        row.put("reason", c.reason());
      }
    }
    ArrayNode factors = root.putArray("factors");
    for (FactorSuggestion f : r.factors()) {
      ObjectNode row = factors.addObject();
      row.put("table", f.table());
      row.put("key", f.key());
      row.put("n", f.n());
      put(row, "current", f.current());
      put(row, "suggested", f.suggested());
      put(row, "ratio", f.ratio());
      row.put("clamped", f.clamped());
      row.put("reason", f.reason());
    }
    ObjectNode gates = root.putObject("gates");
    put(gates, "risk_score", r.gates().riskScore());
    gates.put("risk_level", r.gates().riskLevel().name());
    gates.put("blocking", r.gates().blocking());
    ArrayNode checks = gates.putArray("checks");
    for (CheckResult c : r.gates().checks()) {
      ObjectNode row = checks.addObject();
      row.put("name", c.name());
      row.put("severity", c.severity().name());
      put(row, "measured", c.measured());
      put(row, "threshold", c.threshold());
      row.put("passed", c.passed());
      row.put("message", c.message());
    }
    ArrayNode rationale = root.putArray("rationale");
    r.rationale().forEach(rationale::add);
    ObjectNode commands = root.putObject("commands");
    commands.put("approve", r.approveCommand());
    commands.put("reject", r.rejectCommand());
    commands.put("rollback", r.rollbackCommand());
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise report " + r.subjectId(), e);
    }
  }

  private static void numbers(ObjectNode o, Map<String, Double> values) {
    values.forEach((k, v) -> put(o, k, v));
  }

  private static void put(ObjectNode o, String k, double v) {
    if (Double.isFinite(v)) {
      o.put(k, v);
    } else {
      o.putNull(k);
    }
  }

  private static void bins(ArrayNode a, List<Bin> bins) {
    for (Bin b : bins) {
      ObjectNode row = a.addObject();
      put(row, "lower", b.lower());
      put(row, "upper", b.upper());
      row.put("n", b.count());
      put(row, "mean_predicted", b.meanPredicted());
      put(row, "mean_observed", b.meanObserved());
      double[] ci = b.wilson95();
      put(row, "wilson_low", ci[0]);
      put(row, "wilson_high", ci[1]);
    }
  }

  // ---------------------------------------------------------------- HTML

  /**
   * The report as one self-contained HTML document that is also well-formed XML.
   *
   * @param r the report
   * @return the HTML text
   */
  public static String html(CalibrationReport r) {
    StringBuilder h = new StringBuilder(16384);
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
        .append("<meta charset=\"utf-8\"/>\n<title>")
        .append(x(r.title()))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(x(r.title())).append("</h1>\n");
    h.append("<p>Subject <code>")
        .append(x(r.subjectId()))
        .append("</code>, generated ")
        .append(x(r.generatedAt().toString()))
        .append(". Risk: <span class=\"risk risk-")
        .append(r.gates().riskLevel().name().toLowerCase(Locale.ROOT))
        .append("\">")
        .append(r.gates().riskLevel())
        .append(String.format(Locale.ROOT, " (%.3f)", r.gates().riskScore()))
        .append("</span>")
        .append(r.gates().blocking() ? " <strong>Blocked: cannot be approved.</strong>" : "")
        .append("</p>\n");
    h.append("<h2>Data</h2>\n<table>\n<tr><th></th><th>count</th></tr>\n");
    r.data()
        .counts()
        .forEach(
            (k, v) ->
                h.append("<tr><td>")
                    .append(x(k))
                    .append("</td><td class=\"n\">")
                    .append(v)
                    .append("</td></tr>\n"));
    h.append("</table>\n");
    for (TargetSection t : r.targets()) {
      targetHtml(h, t);
    }
    if (!r.weights().isEmpty()) {
      h.append("<h2>Ensemble weights</h2>\n");
      for (WeightAdjustment w : r.weights()) {
        h.append("<h3>").append(x(w.ensemble())).append("</h3>\n<p>").append(x(w.message())).append("</p>\n");
        if (w.changes().isEmpty()) {
          continue;
        }
        h.append(
            "<table>\n<tr><th>member</th><th>before</th><th>after</th><th>delta</th>"
                + "<th>change %</th><th>reason</th></tr>\n");
        for (WeightChange c : w.changes()) {
          h.append(
              String.format(
                  Locale.ROOT,
                  "<tr><td>%s</td><td class=\"n\">%.4f</td><td class=\"n\">%.4f</td>"
                      + "<td class=\"n\">%+.4f</td><td class=\"n\">%+.1f%%</td><td>%s</td></tr>%n",
                  x(c.member()),
                  c.before(),
                  c.after(),
                  c.delta(),
                  c.changePercent(),
                  x(c.reason())));
        }
        h.append("</table>\n");
      }
    }
    if (!r.factors().isEmpty()) {
      h.append(
          "<h2>Factors</h2>\n<table>\n<tr><th>table</th><th>key</th><th>n</th><th>current</th>"
              + "<th>suggested</th><th>change %</th><th>reason</th></tr>\n");
      for (FactorSuggestion f : r.factors()) {
        h.append(
            String.format(
                Locale.ROOT,
                "<tr><td>%s</td><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%.4f</td>"
                    + "<td class=\"n\">%.4f</td><td class=\"n\">%+.1f%%</td><td>%s</td></tr>%n",
                x(f.table()),
                x(f.key()),
                f.n(),
                f.current(),
                f.suggested(),
                f.changePercent(),
                x(f.reason())));
      }
      h.append("</table>\n");
    }
    h.append(
        "<h2>Safety checks</h2>\n<table>\n<tr><th>check</th><th>severity</th><th>measured</th>"
            + "<th>threshold</th><th>result</th><th>message</th></tr>\n");
    for (CheckResult c : r.gates().checks()) {
      h.append("<tr class=\"")
          .append(c.passed() ? "pass" : "fail")
          .append("\"><td>")
          .append(x(c.name()))
          .append("</td><td>")
          .append(c.severity())
          .append("</td><td class=\"n\">")
          .append(num(c.measured()))
          .append("</td><td class=\"n\">")
          .append(num(c.threshold()))
          .append("</td><td>")
          .append(c.passed() ? "pass" : "FAIL")
          .append("</td><td>")
          .append(x(c.message()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (!r.rationale().isEmpty()) {
      h.append("<h2>Rationale</h2>\n<ul>\n");
      r.rationale().forEach(line -> h.append("<li>").append(x(line)).append("</li>\n"));
      h.append("</ul>\n");
    }
    h.append("<h2>Commands</h2>\n<pre>");
    if (!r.gates().blocking()) {
      h.append(x(r.approveCommand())).append('\n');
    } else {
      h.append("# blocked by high risk: approval is refused\n");
    }
    h.append(x(r.rejectCommand())).append('\n');
    h.append(x(r.rollbackCommand())).append("</pre>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void targetHtml(StringBuilder h, TargetSection t) {
    h.append("<h2>Target <code>")
        .append(x(t.target()))
        .append("</code> (")
        .append(x(t.kind()))
        .append(")</h2>\n<p>Method: <code>")
        .append(x(t.method()))
        .append("</code></p>\n");
    Set<String> names = new LinkedHashSet<>(t.metricsBefore().keySet());
    names.addAll(t.metricsAfter().keySet());
    if (!names.isEmpty()) {
      h.append("<table>\n<tr><th>metric (holdout)</th><th>before</th><th>after</th></tr>\n");
      for (String n : names) {
        h.append("<tr><td>")
            .append(x(n))
            .append("</td><td class=\"n\">")
            .append(num(t.metricsBefore().getOrDefault(n, Double.NaN)))
            .append("</td><td class=\"n\">")
            .append(num(t.metricsAfter().getOrDefault(n, Double.NaN)))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    if (!t.binsBefore().isEmpty() || !t.binsAfter().isEmpty()) {
      h.append("<div class=\"charts\">\n");
      if (!t.binsBefore().isEmpty()) {
        reliabilitySvg(h, t.target(), "before", t.binsBefore());
      }
      if (!t.binsAfter().isEmpty()) {
        reliabilitySvg(h, t.target(), "after", t.binsAfter());
      }
      h.append("</div>\n");
    }
    if (t.eceOverTime().size() >= MIN_WEEKS_FOR_TREND) {
      eceSvg(h, t.target(), t.eceOverTime());
    } else if (!t.eceOverTime().isEmpty()) {
      h.append("<p class=\"note\">ECE over time is drawn when the data span at least ")
          .append(MIN_WEEKS_FOR_TREND)
          .append(" weeks; these span ")
          .append(t.eceOverTime().size())
          .append(".</p>\n");
    }
    if (!t.mapping().isEmpty()) {
      h.append(
          "<h3>Mapping</h3>\n<table>\n<tr><th>predicted</th><th>calibrated</th>"
              + "<th>adjustment</th></tr>\n");
      for (MappingRow m : t.mapping()) {
        h.append(
            String.format(
                Locale.ROOT,
                "<tr><td class=\"n\">%.2f</td><td class=\"n\">%.4f</td><td class=\"n\">%+.4f</td></tr>%n",
                m.predicted(),
                m.calibrated(),
                m.adjustment()));
      }
      h.append("</table>\n");
    }
    if (!t.segments().isEmpty()) {
      Set<String> cols = segmentColumns(t.segments());
      h.append("<h3>Segments</h3>\n<table>\n<tr><th>segment</th><th>n</th><th>calibrator</th>");
      cols.forEach(c -> h.append("<th>").append(x(c)).append("</th>"));
      h.append("</tr>\n");
      for (SegmentRow s : t.segments()) {
        h.append("<tr><td>")
            .append(x(s.segment()))
            .append("</td><td class=\"n\">")
            .append(s.count())
            .append("</td><td>")
            .append(x(s.calibrator()))
            .append("</td>");
        for (String c : cols) {
          h.append("<td class=\"n\">")
              .append(num(s.metrics().getOrDefault(c, Double.NaN)))
              .append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</table>\n");
    }
  }

  // Plot geometry: a 300 x 300 unit square with margins, count bars under it.
  private static final double PAD = 40;
  private static final double SIZE = 300;
  private static final double BARS = 50;

  private static double px(double p) {
    return PAD + SIZE * p;
  }

  private static double py(double p) {
    return PAD + SIZE * (1 - p);
  }

  /** A reliability diagram: one {@code circle.bin} (and one interval, one bar) per non-empty bin. */
  static void reliabilitySvg(StringBuilder h, String target, String series, List<Bin> bins) {
    double w = PAD * 2 + SIZE;
    double hgt = PAD * 2 + SIZE + BARS;
    long maxCount = 1;
    for (Bin b : bins) {
      maxCount = Math.max(maxCount, b.count());
    }
    h.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"%s\" class=\"reliability\" data-series=\"%s\" width=\"%.0f\""
                + " height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">%n",
            SVG_NS,
            x(series),
            w,
            hgt,
            w,
            hgt));
    h.append("<title>")
        .append(x("Reliability of " + target + ", " + series + " calibration"))
        .append("</title>\n");
    h.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>%n",
            PAD,
            PAD,
            SIZE,
            SIZE));
    for (int i = 0; i <= 4; i++) {
      double v = i / 4.0;
      h.append(
          String.format(
              Locale.ROOT,
              "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%.2f</text>"
                  + "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%.2f</text>%n",
              px(v) - 10,
              PAD + SIZE + 14,
              v,
              4.0,
              py(v) + 4,
              v));
    }
    h.append(
        String.format(
            Locale.ROOT,
            "<line class=\"diagonal\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
            px(0),
            py(0),
            px(1),
            py(1)));
    h.append(
        String.format(
            Locale.ROOT,
            "<text class=\"label\" x=\"%.1f\" y=\"%.1f\">predicted</text>"
                + "<text class=\"label\" x=\"4\" y=\"%.1f\">observed</text>%n",
            PAD + SIZE / 2 - 25,
            PAD + SIZE + 28,
            PAD - 10));
    for (Bin b : bins) {
      if (b.count() <= 0) {
        continue;
      }
      double cx = px(Math.min(1, Math.max(0, b.meanPredicted())));
      double cy = py(Math.min(1, Math.max(0, b.meanObserved())));
      double[] ci = b.wilson95();
      double r = 2.5 + 5.5 * Math.sqrt((double) b.count() / maxCount);
      String tip =
          String.format(
              Locale.ROOT,
              "[%.2f, %.2f): n=%d, predicted %.3f, observed %.3f, 95%% Wilson %.3f to %.3f",
              b.lower(),
              b.upper(),
              b.count(),
              b.meanPredicted(),
              b.meanObserved(),
              ci[0],
              ci[1]);
      h.append(
          String.format(
              Locale.ROOT,
              "<line class=\"ci\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
              cx,
              py(ci[0]),
              cx,
              py(ci[1])));
      h.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"bin\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"><title>%s</title></circle>%n",
              cx,
              cy,
              r,
              x(tip)));
      double barH = BARS * 0.8 * b.count() / maxCount;
      double bx = px(b.lower()) + 1;
      double bw = Math.max(1, SIZE * (b.upper() - b.lower()) - 2);
      h.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"count\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                  + "<title>n=%d</title></rect>%n",
              bx,
              PAD + SIZE + BARS + PAD - 8 - barH,
              bw,
              barH,
              b.count()));
    }
    h.append("</svg>\n");
  }

  /** A line chart of ECE per week: one {@code circle.ece} per point. */
  static void eceSvg(StringBuilder h, String target, List<EcePoint> points) {
    double w = PAD * 2 + SIZE * 1.5;
    double hgt = PAD * 2 + SIZE / 2;
    double maxEce = 0.01;
    for (EcePoint p : points) {
      if (Double.isFinite(p.ece())) {
        maxEce = Math.max(maxEce, p.ece());
      }
    }
    double plotW = SIZE * 1.5;
    double plotH = SIZE / 2;
    int n = points.size();
    h.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"%s\" class=\"ece-trend\" width=\"%.0f\" height=\"%.0f\""
                + " viewBox=\"0 0 %.0f %.0f\" role=\"img\">%n<title>%s</title>%n",
            SVG_NS,
            w,
            hgt,
            w,
            hgt,
            x("ECE of " + target + " by week")));
    h.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>%n"
                + "<text class=\"tick\" x=\"2\" y=\"%.1f\">%.3f</text>"
                + "<text class=\"tick\" x=\"2\" y=\"%.1f\">0</text>%n",
            PAD,
            PAD,
            plotW,
            plotH,
            PAD + 4,
            maxEce,
            PAD + plotH));
    StringBuilder pts = new StringBuilder();
    List<String> marks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      EcePoint p = points.get(i);
      if (!Double.isFinite(p.ece())) {
        continue;
      }
      double cx = PAD + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
      double cy = PAD + plotH * (1 - p.ece() / maxEce);
      pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", cx, cy));
      marks.add(
          String.format(
              Locale.ROOT,
              "<circle class=\"ece\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%s</title></circle>",
              cx,
              cy,
              x(
                  String.format(
                      Locale.ROOT,
                      "week from %s: ECE %.4f, n=%d",
                      p.periodStart().toString().substring(0, 10),
                      p.ece(),
                      p.count()))));
    }
    h.append("<polyline class=\"trend\" points=\"").append(pts.toString().trim()).append("\"/>\n");
    marks.forEach(m -> h.append(m).append('\n'));
    h.append(
        String.format(
            Locale.ROOT,
            "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s</text>"
                + "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s</text>%n",
            PAD,
            PAD + plotH + 16,
            points.get(0).periodStart().toString().substring(0, 10),
            PAD + plotW - 60,
            PAD + plotH + 16,
            points.get(n - 1).periodStart().toString().substring(0, 10)));
    h.append("</svg>\n");
  }

  /** Escapes text for XML content and attribute values. */
  static String x(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          // characters XML 1.0 forbids are dropped rather than breaking the document
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  private static final String CSS =
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em;color:#222;"
          + "max-width:1100px}\n"
          + "table{border-collapse:collapse;margin:0.5em 0 1.5em}\n"
          + "th,td{border:1px solid #ccc;padding:3px 8px;font-size:14px}\n"
          + "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
          + "tr.fail td{background:#fde2e2}\n"
          + ".risk-low{color:#1a7f37}.risk-medium{color:#9a6700}.risk-high{color:#cf222e}\n"
          + ".charts svg{margin-right:1em}\n"
          + "svg .frame{fill:none;stroke:#999}\n"
          + "svg .diagonal{stroke:#888;stroke-dasharray:4 3}\n"
          + "svg .bin{fill:#0969da;fill-opacity:0.75}\n"
          + "svg .ci{stroke:#0969da;stroke-width:1.5}\n"
          + "svg .count{fill:#8c959f}\n"
          + "svg .trend{fill:none;stroke:#cf222e;stroke-width:2}\n"
          + "svg .ece{fill:#cf222e}\n"
          + "svg text{font-size:11px;fill:#444}\n"
          + ".note{color:#666;font-style:italic}\n";
}
