package dev.calibration.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PredictionTest {
  private static final Instant T = Instant.parse("2026-11-23T10:15:00.123Z");

  @Test
  void builder_allFields_keepsThemInOrder() {
    Prediction p =
        Prediction.builder("SKU001", T)
            .model("pricer")
            .modelVersion("2.1.0")
            .calibrationVersion("cal-0007")
            .segment("condition", "used_good")
            .value("price", 45.0)
            .value("sell_p60", 0.75)
            .members("sell_p60", Map.of("xgb", 0.71))
            .context("lot_id", "LOT1")
            .build();
    assertEquals("SKU001", p.id());
    assertEquals(Optional.of("2.1.0"), p.modelVersion());
    assertEquals(List.of("price", "sell_p60"), new ArrayList<>(p.values().keySet()));
    assertEquals(Optional.of(0.75), p.value("sell_p60"));
    assertEquals(Optional.empty(), p.value("missing"));
    assertEquals(p, p.toBuilder().build());
  }

  @Test
  void constructor_nullField_namesTheField() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () ->
                new Prediction(
                    "id", T, Optional.empty(), null, Optional.empty(), Map.of(), Map.of(),
                    Map.of(), Map.of()));
    assertEquals("modelVersion must not be null", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void value_nonFinite_isRejectedNamingTheTarget(double bad) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Prediction.builder("id", T).value("price", bad));
    assertTrue(e.getMessage().startsWith("values.price must be finite"), e.getMessage());
  }

  @Test
  void builder_blankId_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> Prediction.builder(" ", T));
  }

  @Test
  void context_integralNumbers_areNormalisedToLong() {
    Map<String, Object> nested = new HashMap<>();
    nested.put("sims", 100);
    nested.put("roi", 1.25f);
    Prediction p =
        Prediction.builder("id", T)
            .context("opt_params", nested)
            .context("list", List.of((short) 1, new BigDecimal("2.5")))
            .build();
    @SuppressWarnings("unchecked") // the test built this entry as a map just above
    Map<String, Object> params = (Map<String, Object>) p.context().get("opt_params");
    assertEquals(100L, params.get("sims"));
    assertEquals(1.25d, params.get("roi"));
    assertEquals(List.of(1L, new BigDecimal("2.5")), p.context().get("list"));
  }

  @Test
  void context_isADeepImmutableCopy() {
    Map<String, Object> nested = new HashMap<>();
    nested.put("a", 1);
    Prediction p = Prediction.builder("id", T).context("n", nested).build();
    nested.put("b", 2);
    @SuppressWarnings("unchecked") // built as a map above
    Map<String, Object> copy = (Map<String, Object>) p.context().get("n");
    assertEquals(Map.of("a", 1L), copy);
    assertThrows(UnsupportedOperationException.class, () -> copy.put("c", 3L));
  }

  @Test
  void context_unsupportedType_isRejectedNamingThePath() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Prediction.builder("id", T).context("x", Map.of("when", T)).build());
    assertTrue(e.getMessage().startsWith("context.x.when must be"), e.getMessage());
  }

  @Test
  void context_nonFiniteDouble_isRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Prediction.builder("id", T).context("x", List.of(Double.NaN)).build());
  }
}
