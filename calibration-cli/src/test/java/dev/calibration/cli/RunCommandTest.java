package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calibration.core.config.CalibrationConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;

  private static final String P1 =
      "{\"schema\":1,\"id\":\"A\",\"ts\":\"2026-11-01T10:00:00Z\",\"segment\":{\"condition\":\"new\"},"
          + "\"values\":{\"price\":10.0,\"sell_p60\":0.8}}";
  private static final String P2 =
      "{\"schema\":1,\"id\":\"B\",\"ts\":\"2026-11-01T11:00:00Z\",\"segment\":{\"condition\":\"new\"},"
          + "\"values\":{\"price\":20.0,\"sell_p60\":0.4}}";
  private static final String P3 =
      "{\"schema\":1,\"id\":\"C\",\"ts\":\"2026-11-01T12:00:00Z\",\"segment\":{\"condition\":\"used_good\"},"
          + "\"values\":{\"price\":30.0,\"sell_p60\":0.5}}";
  private static final String P4 =
      "{\"schema\":1,\"id\":\"D\",\"ts\":\"2026-11-01T13:00:00Z\",\"segment\":{\"condition\":\"used_good\"},"
          + "\"values\":{\"price\":40.0,\"sell_p60\":0.9}}";
  private static final String OUTCOMES =
      "id,status,sold_60d,realized_price\n"
          + "A,settled,1,12\n"
          + "B,settled,0,18\n"
          + "C,void,,\n"
          + "Z,settled,1,99\n"; // D pending, Z an orphan

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static String[] args(Path predictions, Path outcomes, Path out, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "run", "--predictions", predictions.toString(), "--outcomes", outcomes.toString(),
                "--target", "sell_p60=sold_60d", "--target", "price=realized_price",
                "--segment-by", "condition", "--out", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  /**
   * Joined: A and B (C is void, D pending, Z an orphan). price: |10-12| and |20-18| give MAE 2,
   * bias (10-12 + 20-18)/2 = 0. sell_p60: (0.8-1)^2 and (0.4-0)^2 give Brier (0.04+0.16)/2 = 0.1.
   */
  @Test
  void run_handComputedSet_jsonSummaryHasTheCountsAndMetrics() throws Exception {
    Path predictions = write("p.jsonl", String.join("\n", P1, P2, P3, P4) + "\n");
    Path outcomes = write("o.csv", OUTCOMES);
    Cli.Result r = Cli.run(args(predictions, outcomes, dir.resolve("out"), "--json"));
    assertEquals(0, r.exit(), r.toString());
    JsonNode json = Json.MAPPER.readTree(r.out());
    JsonNode counts = json.get("counts");
    assertEquals(4, counts.get("predictions_read").asLong());
    assertEquals(2, counts.get("settled").asLong());
    assertEquals(1, counts.get("void").asLong());
    assertEquals(1, counts.get("pending").asLong());
    assertEquals(1, counts.get("orphan_outcomes").asLong());
    JsonNode price = target(json, "price");
    assertEquals("value", price.get("kind").asText());
    assertEquals(2, price.get("n").asLong());
    assertEquals(2.0, price.get("mae").asDouble(), 1e-12);
    assertEquals(0.0, price.get("bias").asDouble(), 1e-12);
    JsonNode sell = target(json, "sell_p60");
    assertEquals("probability", sell.get("kind").asText());
    assertEquals(0.1, sell.get("brier").asDouble(), 1e-12);
    assertTrue(json.get("risk").has("level"));
  }

  private static JsonNode target(JsonNode summary, String name) {
    for (JsonNode t : summary.get("targets")) {
      if (t.get("target").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no target " + name + " in " + summary);
  }

  @Test
  void run_generatedPricingData_writesEveryFileAndAValidCandidate() throws Exception {
    DemoData.DataSet set = DemoData.pricing(2000, 17, Instant.parse("2026-11-01T00:00:00Z"));
    Path predictions = dir.resolve("predictions.jsonl");
    Path outcomes = dir.resolve("outcomes.csv");
    DemoFiles.logPredictions(set.predictions(), predictions);
    DemoFiles.writeOutcomes(set.outcomes(), outcomes);
    Path out = dir.resolve("out");
    Cli.Result r =
        Cli.run(
            args(predictions, outcomes, out, "--factor-table",
                "price=CONDITION_PRICE_FACTOR:condition", "--method", "platt"));
    assertEquals(0, r.exit(), r.toString());
    assertTrue(Files.isRegularFile(out.resolve("history/metrics_20261123_101500.json")));
    assertTrue(Files.isRegularFile(out.resolve("history/suggestions_20261123_101500.json")));
    assertTrue(Files.isRegularFile(out.resolve("proposal.json")));
    CalibrationConfig candidate =
        CalibrationConfig.parse(Files.readAllBytes(out.resolve("calibration.json")), "candidate");
    assertTrue(candidate.calibrators().containsKey("sell_p60"), candidate.calibrators().toString());
    // The engine prices used_good 0.85/0.75 = 13% too high; the suggestion must pull it down.
    JsonNode s = Json.MAPPER.readTree(out.resolve("calibration_suggestions.json").toFile());
    double usedGood =
        s.get("factors").get("CONDITION_PRICE_FACTOR").get("used_good").get("suggested").asDouble();
    assertTrue(usedGood < 0.95, "used_good suggested " + usedGood);
    // Nothing but the summary on a non-terminal: no carriage returns from a progress bar.
    assertTrue(!r.out().contains("\r") && r.err().isEmpty(), r.toString());
    try (Stream<Path> files = Files.list(out.resolve("history"))) {
      assertEquals(2, files.count());
    }
  }

  @Test
  void run_missingPredictions_exitsThreeNamingTheFile() throws Exception {
    Path outcomes = write("o.csv", OUTCOMES);
    Path missing = dir.resolve("nope.jsonl");
    Cli.Result r = Cli.run(args(missing, outcomes, dir.resolve("out")));
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains(missing + ": no such file"), r.err());
  }

  @Test
  void run_malformedLine_exitsThreeNamingFileAndLine() throws Exception {
    Path predictions = write("p.jsonl", String.join("\n", P1, "{\"schema\":1,\"id\":", P3) + "\n");
    Path outcomes = write("o.csv", OUTCOMES);
    Cli.Result r = Cli.run(args(predictions, outcomes, dir.resolve("out")));
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains("p.jsonl") && r.err().contains("2"), r.err());
    assertTrue(!Files.exists(dir.resolve("out/proposal.json")), "no output after a data error");
  }

  @Test
  void run_malformedLineWithSkip_countsItAndGoesOn() throws Exception {
    Path predictions =
        write("p.jsonl", String.join("\n", P1, "{\"schema\":1,\"id\":", P2, P3, P4) + "\n");
    Path outcomes = write("o.csv", OUTCOMES);
    Cli.Result r =
        Cli.run(args(predictions, outcomes, dir.resolve("out"), "--on-bad-line", "skip", "--json"));
    assertEquals(0, r.exit(), r.toString());
    JsonNode counts = Json.MAPPER.readTree(r.out()).get("counts");
    assertEquals(1, counts.get("predictions_skipped").asLong());
    assertEquals(4, counts.get("predictions_read").asLong());
  }

  @Test
  void run_unknownMethod_exitsTwoListingTheKnownOnes() throws Exception {
    Path predictions = write("p.jsonl", P1 + "\n");
    Path outcomes = write("o.csv", OUTCOMES);
    Cli.Result r = Cli.run(args(predictions, outcomes, dir.resolve("out"), "--method", "platt2"));
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().contains("platt2") && r.err().contains("isotonic"), r.err());
  }

  @Test
  void run_targetWithoutEquals_exitsTwo() throws Exception {
    Path predictions = write("p.jsonl", P1 + "\n");
    Path outcomes = write("o.csv", OUTCOMES);
    Cli.Result r =
        Cli.run(
            "run", "--predictions", predictions.toString(), "--outcomes", outcomes.toString(),
            "--target", "sell_p60");
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().contains("sell_p60"), r.err());
  }
}
