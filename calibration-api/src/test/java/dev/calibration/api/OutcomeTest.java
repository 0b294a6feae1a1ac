package dev.calibration.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void settled_keepsValuesAndStatus() {
    Outcome o = Outcome.settled("SKU001", Map.of("sold_60d", 1.0));
    assertEquals(OutcomeStatus.SETTLED, o.status());
    assertEquals(Optional.of(1.0), o.value("sold_60d"));
    assertEquals(Optional.empty(), o.timestamp());
  }

  @Test
  void constructor_nonFiniteValue_isRejectedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Outcome.settled("SKU001", Map.of("realized_price", Double.NaN)));
    assertEquals("values.realized_price must be finite but was NaN", e.getMessage());
  }

  @Test
  void constructor_nullStatus_isRejectedNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> new Outcome("SKU001", Optional.empty(), Map.of(), null));
    assertEquals("status must not be null", e.getMessage());
  }
}
