package dev.calibration.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.core.propose.Proposal;
import dev.calibration.core.propose.ProposalBuilder;
import dev.calibration.core.propose.TargetData;
import dev.calibration.core.run.TargetKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ProposalReportTest {

  /** A proposal over 2000 hourly rows (about 12 weeks) with predictions that are too high. */
  @Test
  void of_proposal_rendersAllThreeReportsWithHoldoutBins(@TempDir Path dir) throws Exception {
    int n = 2000;
    SplittableRandom rnd = new SplittableRandom(11);
    double[] p = new double[n];
    double[] y = new double[n];
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      double x = 0.02 + 0.96 * rnd.nextDouble();
      p[i] = x;
      y[i] = rnd.nextDouble() < x * x ? 1 : 0;
      ts[i] = Instant.parse("2026-08-03T00:00:00Z").toEpochMilli() + 3_600_000L * i;
    }
    TargetData data = TargetData.of("sell_p60", TargetKind.PROBABILITY, p, y, ts);
    Proposal proposal =
        ProposalBuilder.builder()
            .target(data)
            .candidates(List.of("histogram"))
            .clock(Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneOffset.UTC))
            .build();
    CalibrationReport report = ProposalReport.of(proposal, List.of(data));
    CalibrationReport.TargetSection t = report.targets().get(0);
    // the bins cover exactly the 600 held-out rows
    assertEquals(600, t.binsBefore().stream().mapToLong(CalibrationReport.Bin::count).sum());
    assertEquals(600, t.binsAfter().stream().mapToLong(CalibrationReport.Bin::count).sum());
    assertEquals(19, t.mapping().size());
    assertTrue(t.eceOverTime().size() >= 12, "weeks: " + t.eceOverTime().size());

    List<Path> files = ReportWriter.writeAll(dir, report);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(Files.readString(files.get(2)).getBytes(StandardCharsets.UTF_8)));
    NodeList circles = doc.getElementsByTagNameNS(ReportWriter.SVG_NS, "circle");
    long binMarks = 0;
    for (int i = 0; i < circles.getLength(); i++) {
      if ("bin".equals(((Element) circles.item(i)).getAttribute("class"))) {
        binMarks++;
      }
    }
    long nonEmpty =
        t.binsBefore().stream().filter(b -> b.count() > 0).count()
            + t.binsAfter().stream().filter(b -> b.count() > 0).count();
    assertEquals(nonEmpty, binMarks);
    String md = Files.readString(files.get(0));
    assertTrue(md.contains("calibration approve " + proposal.id()), md);
    assertTrue(Files.readString(files.get(1)).contains("\"risk_level\""));
  }
}
