package dev.calibration.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calibration.api.Prediction;
import dev.calibration.core.log.JsonlPredictionSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricingExampleTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  private static PrintStream sink() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void run_noOverridesVariable_pricesWithTheDefaultsAndLogsEveryQuote() throws Exception {
    Path log = dir.resolve("p.jsonl");
    List<PricingEngine.Quote> quotes = PricingExample.run(log, name -> null, CLOCK, sink());
    assertEquals(102.0, quotes.get(0).price(), 1e-9); // 120 x 0.85
    assertEquals(80.0, quotes.get(1).price(), 1e-9); // 80 x 1.0
    try (Stream<Prediction> read = JsonlPredictionSource.of(log).open()) {
      Map<String, Double> logged =
          read.collect(Collectors.toMap(Prediction::id, p -> p.values().get("price")));
      assertEquals(Map.of("SKU001", 102.0, "SKU002", 80.0, "SKU003", 20.0), logged);
    }
  }

  @Test
  void run_overridesFromTheVariable_mergeAndAreClampedToTheirBounds() throws Exception {
    Path overrides = dir.resolve("overrides.json");
    Files.writeString(
        overrides, "{\"CONDITION_PRICE_FACTOR\":{\"used_good\":0.75,\"for_parts\":0.1}}");
    Map<String, String> env = Map.of(PricingExample.OVERRIDES_VARIABLE, overrides.toString());
    List<PricingEngine.Quote> quotes =
        PricingExample.run(dir.resolve("p.jsonl"), env::get, CLOCK, sink());
    assertEquals(90.0, quotes.get(0).price(), 1e-9); // 120 x 0.75 from the file
    assertEquals(80.0, quotes.get(1).price(), 1e-9); // new: the default, not overridden
    assertEquals(20.0, quotes.get(2).price(), 1e-9); // 0.1 clamped up to 0.5: 40 x 0.5
  }
}
