package dev.calibration.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calibration.api.Prediction;
import dev.calibration.core.internal.json.PredictionJson;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Files in the version 1 format (and the legacy pricing log of issue 2) that every later build
 * must still read. Expected records are written out by hand from the files.
 */
class GoldenPredictionLogTest {
  static Path golden(String name) {
    try {
      return Path.of(
          GoldenPredictionLogTest.class.getResource("/golden/v1/prediction-log/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Prediction SKU001 =
      Prediction.builder("SKU001", Instant.parse("2026-11-23T10:15:00.123Z"))
          .model("pricer")
          .modelVersion("2.1.0")
          .calibrationVersion("cal-0007")
          .segment("condition", "used_good")
          .value("price", 45.0)
          .value("sell_p60", 0.75)
          .members("sell_p60", xgbThenLgbm())
          .context("lot_id", "LOT1")
          .context("opt_source", "run_optimize")
          .context("opt_params", Map.of("sims", 100L))
          .build();

  /** Members in the file's order ({@code Map.of} would not keep one). */
  private static Map<String, Double> xgbThenLgbm() {
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    m.put("xgb", 0.71);
    m.put("lgbm", 0.78);
    return m;
  }

  @Test
  void read_standardV1Golden_givesTheRecordsWrittenInIt() {
    List<Prediction> all;
    try (Stream<Prediction> s = JsonlPredictionSource.of(golden("standard.jsonl")).open()) {
      all = s.toList();
    }
    assertEquals(3, all.size());
    assertEquals(SKU001, all.get(0));
    assertEquals(
        Prediction.builder("SKU002", Instant.parse("2026-11-23T10:15:01Z")).value("price", 12.5).build(),
        all.get(1));
    Prediction trade = all.get(2);
    assertEquals(Instant.parse("2026-11-23T10:15:02.000001Z"), trade.timestamp());
    assertEquals(Optional.of("momentum"), trade.model());
    assertEquals(Map.of("venue", "XNAS", "side", "buy"), trade.segment());
    assertEquals(List.of("a", "b"), trade.context().get("tags"));
    assertEquals(-3L, trade.context().get("size"));
    assertEquals("café \"x\"", trade.context().get("note"));
    assertEquals(Boolean.TRUE, trade.context().get("flag"));
  }

  @Test
  void write_goldenRecord_givesTheGoldenLineByteForByte() throws Exception {
    String first = Files.readAllLines(golden("standard.jsonl"), StandardCharsets.UTF_8).get(0);
    assertEquals(first, PredictionJson.toJson(SKU001));
  }

  static FieldMapping legacyPricing() {
    return FieldMapping.builder()
        .id("sku_local")
        .timestamp("timestamp")
        .value("price", "est_price_mu", "predicted_price")
        .value("sell_p60", "sell_p60", "predicted_sell_p60")
        .segment("condition", "condition")
        .build();
  }

  @Test
  void readWithMapping_legacyPricingLog_mapsAliasesFlatKeysAndMicrosecondOffsets() {
    List<Prediction> all;
    try (Stream<Prediction> s =
        JsonlPredictionSource.builder(golden("legacy-pricing.jsonl"))
            .mapping(legacyPricing())
            .build()
            .open()) {
      all = s.toList();
    }
    Prediction first = all.get(0);
    assertEquals("SKU001", first.id());
    assertEquals(Instant.parse("2025-08-23T18:45:12.345678Z"), first.timestamp());
    assertEquals(Map.of("price", 45.0, "sell_p60", 0.75), first.values());
    assertEquals(Map.of(), first.segment());
    assertEquals("run_optimize", first.context().get("opt_source"));
    assertEquals(
        Map.of("roi_target", 1.25, "risk_threshold", 0.8, "sims", 100L),
        first.context().get("opt_params"));
    Prediction second = all.get(1);
    assertEquals("SKU002", second.id());
    // 20:45:12.5 at -02:00 is 22:45:12.5 UTC.
    assertEquals(Instant.parse("2025-08-23T22:45:12.500Z"), second.timestamp());
    // The aliases fill in: price from predicted_price, sell_p60 from predicted_sell_p60.
    assertEquals(Map.of("price", 30.5, "sell_p60", 0.4), second.values());
    assertEquals(Map.of("condition", "used_good"), second.segment());
  }

  @Test
  void readWithMapping_firstAliasPresent_winsOverLaterOnes() throws Exception {
    Path file = Files.createTempFile("alias", ".jsonl");
    try {
      Files.writeString(
          file,
          "{\"sku_local\":\"A\",\"predicted_price\":2.0,\"est_price_mu\":1.0,"
              + "\"timestamp\":\"2025-08-23T18:45:12Z\"}\n");
      try (Stream<Prediction> s =
          JsonlPredictionSource.builder(file).mapping(legacyPricing()).build().open()) {
        assertEquals(Map.of("price", 1.0), s.findFirst().orElseThrow().values());
      }
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void mappingBuilder_keyMappedTwice_isRejectedNamingBothParts() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> FieldMapping.builder().id("sku").value("price", "sku").build());
    assertEquals("key 'sku' is mapped to both id and value price; map it once", e.getMessage());
  }
}
