package dev.calibration.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calibration.api.Calibrator;
import dev.calibration.core.propose.FactorSuggester;
import dev.calibration.core.propose.GateReport;
import dev.calibration.core.propose.GateSubject;
import dev.calibration.core.propose.SafetyGates;
import dev.calibration.core.propose.WeightAdjuster;
import dev.calibration.core.report.CalibrationReport.Bin;
import dev.calibration.core.report.CalibrationReport.DataSummary;
import dev.calibration.core.report.CalibrationReport.EcePoint;
import dev.calibration.core.report.CalibrationReport.MappingRow;
import dev.calibration.core.report.CalibrationReport.SegmentRow;
import dev.calibration.core.report.CalibrationReport.TargetSection;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWriterTest {

  /** A calibrator that pulls every score 10% of the way toward 0.5, for a known mapping. */
  private static final Calibrator SHRINK =
      new Calibrator() {
        @Override
        public double apply(double s) {
          return s + 0.1 * (0.5 - s);
        }

        @Override
        public String method() {
          return "test-shrink";
        }

        @Override
        public Map<String, Object> parameters() {
          return Map.of();
        }
      };

  private static List<Bin> bins(long... counts) {
    List<Bin> out = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      double lo = (double) i / counts.length;
      double hi = (double) (i + 1) / counts.length;
      out.add(
          new Bin(
              lo,
              hi,
              counts[i],
              counts[i] == 0 ? Double.NaN : (lo + hi) / 2,
              counts[i] == 0 ? Double.NaN : Math.min(1, (lo + hi) / 2 + 0.05)));
    }
    return out;
  }

  private static CalibrationReport report(List<EcePoint> trend, String title) {
    Map<String, Double> before = new LinkedHashMap<>();
    before.put("brier", 0.21);
    before.put("ece", 0.08);
    Map<String, Double> after = new LinkedHashMap<>();
    after.put("brier", 0.19);
    after.put("ece", 0.02);
    TargetSection t =
        new TargetSection(
            "sell_p60",
            "probability",
            "isotonic",
            before,
            after,
            bins(0, 12, 40, 0, 7, 100, 3, 0, 0, 1), // 6 non-empty
            bins(5, 0, 30, 30, 0, 0, 60, 9, 0, 0), // 5 non-empty
            MappingRow.grid(SHRINK),
            trend,
            List.of(
                new SegmentRow("condition=new", 120, "platt", Map.of("brier", 0.18)),
                new SegmentRow("condition=used", 30, "default (fallback)", Map.of("brier", 0.25))));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("predictions read", 200L);
    counts.put("joined", 150L);
    GateSubject subject =
        GateSubject.builder(150)
            .improvement("sell_p60", "brier", 0.21, 0.19, 40)
            .classBalance("sell_p60", 0.3, 150)
            .build();
    GateReport gates = SafetyGates.defaults().evaluate(subject);
    return new CalibrationReport(
        title,
        "cal-20261123-101500-3f9a2c",
        Instant.parse("2026-11-23T10:15:00Z"),
        new DataSummary(
            counts,
            Optional.of(Instant.parse("2026-10-01T00:00:00Z")),
            Optional.of(Instant.parse("2026-11-20T00:00:00Z"))),
        List.of(t),
        List.of(
            WeightAdjuster.defaults()
                .adjust(
                    "main",
                    Map.of("a", 0.5, "b", 0.5),
                    Map.of("a", 0.1, "b", 0.2),
                    "Brier")),
        List.of(FactorSuggester.defaults().suggest("COND", "new", 1.0, 110, 100, 20)),
        gates,
        List.of("isotonic beat platt on the holdout <by 2%> & more"));
  }

  private static List<EcePoint> weeks(int n) {
    List<EcePoint> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new EcePoint(
              Instant.parse("2026-10-05T00:00:00Z").plusSeconds(7L * 86400 * i), 0.05 + 0.01 * i, 50));
    }
    return out;
  }

  private static Document parseXml(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.setExpandEntityReferences(false);
    DocumentBuilder b = f.newDocumentBuilder();
    return b.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static int countByClass(Element root, String tag, String cls) {
    NodeList nodes = root.getElementsByTagNameNS(ReportWriter.SVG_NS, tag);
    int n = 0;
    for (int i = 0; i < nodes.getLength(); i++) {
      if (cls.equals(((Element) nodes.item(i)).getAttribute("class"))) {
        n++;
      }
    }
    return n;
  }

  @Test
  void html_fullReport_parsesAsXmlWithOneMarkPerNonEmptyBin() throws Exception {
    // the title carries characters that must be escaped
    Document doc = parseXml(ReportWriter.html(report(weeks(4), "Proposal <sell_p60> & \"more\"")));
    NodeList svgs = doc.getElementsByTagNameNS(ReportWriter.SVG_NS, "svg");
    List<Element> reliability = new ArrayList<>();
    for (int i = 0; i < svgs.getLength(); i++) {
      Element e = (Element) svgs.item(i);
      if ("reliability".equals(e.getAttribute("class"))) {
        reliability.add(e);
      }
    }
    assertEquals(2, reliability.size());
    assertEquals("before", reliability.get(0).getAttribute("data-series"));
    assertEquals(6, countByClass(reliability.get(0), "circle", "bin"));
    assertEquals(6, countByClass(reliability.get(0), "line", "ci"));
    assertEquals(6, countByClass(reliability.get(0), "rect", "count"));
    assertEquals(1, countByClass(reliability.get(0), "line", "diagonal"));
    assertEquals("after", reliability.get(1).getAttribute("data-series"));
    assertEquals(5, countByClass(reliability.get(1), "circle", "bin"));
    assertEquals("Proposal <sell_p60> & \"more\"", doc.getElementsByTagName("title").item(0).getTextContent());
  }

  @Test
  void html_noExternalResources_selfContained() {
    String html = ReportWriter.html(report(weeks(4), "t"));
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("<link"), "no linked resources");
    assertFalse(html.contains("src="), "no external sources");
    assertFalse(html.contains("@import"), "no imported CSS");
    assertFalse(html.contains("url("), "no CSS urls");
  }

  @Test
  void html_severalWeeks_drawsEceTrendWithOnePointPerWeek() throws Exception {
    Document doc = parseXml(ReportWriter.html(report(weeks(5), "t")));
    assertEquals(5, countByClass(doc.getDocumentElement(), "circle", "ece"));
    Document shortDoc = parseXml(ReportWriter.html(report(weeks(2), "t")));
    assertEquals(0, countByClass(shortDoc.getDocumentElement(), "circle", "ece"));
  }

  @Test
  void markdown_fullReport_hasMappingGridChecksAndCommands() {
    String md = ReportWriter.markdown(report(weeks(1), "t"));
    // 0.05 -> 0.05 + 0.1 * 0.45 = 0.095, adjustment +0.045; 0.95 -> 0.905, -0.045
    assertTrue(md.contains("| 0.05 | 0.0950 | +0.0450 |"), md);
    assertTrue(md.contains("| 0.50 | 0.5000 | +0.0000 |"), md);
    assertTrue(md.contains("| 0.95 | 0.9050 | -0.0450 |"), md);
    assertEquals(19, md.lines().filter(l -> l.matches("\\| 0\\.\\d5 \\| .*|\\| 0\\.\\d0 \\| 0\\.\\d{4} \\| [+-].*")).count());
    assertTrue(md.contains("samples.activate"), md);
    assertTrue(md.contains("calibration approve cal-20261123-101500-3f9a2c --by"), md);
    assertTrue(md.contains("calibration rollback"), md);
    assertTrue(md.contains("| COND | new | 20 | 1.0000 | 1.0500 | +5.0% |"), md);
    assertTrue(md.contains("condition=used"), md);
  }

  @Test
  void markdownAndHtml_highRisk_sayBlockedAndOfferNoApproveCommand() {
    CalibrationReport ok = report(weeks(1), "t");
    // 4 failed critical checks of 4: risk 0.5, high
    List<dev.calibration.core.propose.CheckResult> failed = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      failed.add(
          new dev.calibration.core.propose.CheckResult(
              "c" + i, dev.calibration.core.propose.Severity.CRITICAL, 0, 1, false, "bad"));
    }
    GateReport high = GateReport.of(failed, dev.calibration.core.propose.GatePolicy.defaults());
    CalibrationReport blocked =
        new CalibrationReport(
            ok.title(), ok.subjectId(), ok.generatedAt(), ok.data(), ok.targets(), ok.weights(),
            ok.factors(), high, ok.rationale());
    String md = ReportWriter.markdown(blocked);
    assertTrue(md.contains("BLOCKED"), md);
    assertFalse(md.contains("calibration approve"), md);
    assertTrue(md.contains("calibration reject"), md);
    String html = ReportWriter.html(blocked);
    assertTrue(html.contains("Blocked: cannot be approved."), html);
    assertFalse(html.contains("calibration approve"));
  }

  @Test
  void json_fullReport_carriesGatesAndNullForMissingNumbers() throws Exception {
    JsonNode root = new ObjectMapper().readTree(ReportWriter.json(report(weeks(3), "t")));
    assertEquals(1, root.get("schema").asInt());
    JsonNode t = root.get("targets").get(0);
    assertEquals(10, t.get("bins_before").size());
    assertTrue(t.get("bins_before").get(0).get("mean_predicted").isNull());
    assertEquals(19, t.get("mapping").size());
    // 150 joined of the 1000 needed to activate: one error of 4 checks = 0.075, low
    assertEquals("LOW", root.get("gates").get("risk_level").asText());
    assertEquals(0.075, root.get("gates").get("risk_score").asDouble(), 1e-12);
    assertFalse(root.get("weights").get(0).get("feasible").asBoolean());
  }

  @Test
  void wilson95_fiveOfTen_matchesPublishedInterval() {
    // Wilson score interval for 5 successes in 10 trials at 95%: 0.2366 to 0.7634
    double[] ci = new Bin(0.4, 0.6, 10, 0.5, 0.5).wilson95();
    assertEquals(0.2366, ci[0], 1e-4);
    assertEquals(0.7634, ci[1], 1e-4);
  }

  @Test
  void equalWidth_handPlacedPoints_landInTheirBins() {
    double[] p = {0.05, 0.15, 0.15, 1.0, 0.95};
    double[] y = {0, 1, 0, 1, 1};
    List<Bin> b = Bin.equalWidth(p, y, 10);
    assertEquals(1, b.get(0).count());
    assertEquals(2, b.get(1).count());
    assertEquals(0.5, b.get(1).meanObserved(), 1e-15);
    assertEquals(2, b.get(9).count()); // 1.0 belongs to the last bin
    assertEquals(0, b.get(5).count());
  }

  @Test
  void ece_handComputed_matchesDefinition() {
    // bin 0: p 0.05, y 0 -> |0.05 - 0| ; bin 9: p 0.95, 0.95, y 1, 0 -> |0.95 - 0.5| = 0.45
    // ECE = 1/3 * 0.05 + 2/3 * 0.45 = 0.31666...
    assertEquals(
        0.05 / 3 + 0.9 / 3,
        EcePoint.ece(new double[] {0.05, 0.95, 0.95}, new double[] {0, 1, 0}),
        1e-12);
  }

  @Test
  void weekly_samplesAcrossThreeWeeks_groupedByMondayWeek() {
    long mon = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli(); // a Monday
    long day = 86_400_000L;
    long[] ts = {mon, mon + 6 * day, mon + 7 * day, mon + 15 * day};
    List<EcePoint> w =
        EcePoint.weekly(new double[] {0.5, 0.5, 0.5, 0.5}, new double[] {1, 0, 1, 1}, ts);
    assertEquals(3, w.size());
    assertEquals(Instant.parse("2026-11-02T00:00:00Z"), w.get(0).periodStart());
    assertEquals(2, w.get(0).count());
    assertEquals(0.0, w.get(0).ece(), 1e-15);
    assertEquals(Instant.parse("2026-11-16T00:00:00Z"), w.get(2).periodStart());
    assertEquals(0.5, w.get(2).ece(), 1e-15);
  }

  @Test
  void writeAll_directory_writesThreeFiles(@TempDir Path dir) throws Exception {
    List<Path> paths = ReportWriter.writeAll(dir.resolve("v1"), report(weeks(3), "t"));
    assertEquals(3, paths.size());
    for (Path p : paths) {
      assertTrue(Files.size(p) > 100, p.toString());
    }
    parseXml(Files.readString(paths.get(2)));
  }
}
