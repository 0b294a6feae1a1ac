package dev.calibration.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Writing and reading a config are inverse, and writing is canonical. */
class CalibrationConfigProperties {

  @Property(tries = 200)
  void parse_ofToJson_equalsTheOriginal(@ForAll("configs") CalibrationConfig c) {
    assertEquals(c, CalibrationConfig.parse(c.toJson(), "generated"));
  }

  @Property(tries = 100)
  void toJson_ofReparsedConfig_isByteIdentical(@ForAll("configs") CalibrationConfig c) {
    byte[] once = c.toJson();
    assertArrayEquals(once, CalibrationConfig.parse(once, "generated").toJson());
  }

  @Property(tries = 100)
  void toJson_mapsInReverseInsertionOrder_sameBytes(@ForAll("configs") CalibrationConfig c) {
    CalibrationConfig reversed =
        new CalibrationConfig(
            c.schema(),
            c.version(),
            c.createdAt(),
            c.approvedBy(),
            reverse(c.calibrators()),
            reverse(c.factors()),
            reverse(c.bounds()),
            reverse(c.weights()),
            c.auditHead());
    assertArrayEquals(c.toJson(), reversed.toJson());
  }

  private static <V> Map<String, V> reverse(Map<String, V> m) {
    List<Map.Entry<String, V>> entries = new ArrayList<>(m.entrySet());
    Collections.reverse(entries);
    Map<String, V> out = new LinkedHashMap<>();
    entries.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  @Provide
  Arbitrary<CalibrationConfig> configs() {
    Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
    Arbitrary<Double> doubles = Arbitraries.doubles().between(-1e6, 1e6);
    Arbitrary<CalibratorSpec> platt =
        Combinators.combine(doubles, doubles, Arbitraries.longs().between(-5, 5))
            .as((a, b, n) -> new CalibratorSpec("platt", Map.of("a", a, "b", b, "n", n)));
    Arbitrary<CalibratorSpec> isotonic =
        doubles.list().ofMinSize(1).ofMaxSize(8)
            .map(
                xs -> {
                  List<Double> sorted = new ArrayList<>(xs);
                  Collections.sort(sorted);
                  return new CalibratorSpec(
                      "isotonic", Map.of("x", sorted, "y", xs, "meta", Map.of("z", true, "k", "v")));
                });
    Arbitrary<CalibratorSpec> spec = Arbitraries.oneOf(platt, isotonic);
    Arbitrary<SegmentRule> rule =
        Combinators.combine(Arbitraries.maps(names, names).ofMinSize(1).ofMaxSize(3), spec)
            .as(SegmentRule::new);
    Arbitrary<TargetCalibrators> target =
        Combinators.combine(spec.optional(), rule.list().ofMaxSize(3))
            .as(TargetCalibrators::new);
    Arbitrary<Map<String, Double>> numbers =
        Arbitraries.maps(names, Arbitraries.doubles().between(0.01, 2.0)).ofMaxSize(4);
    Arbitrary<FactorBounds> bounds =
        Combinators.combine(
                Arbitraries.doubles().between(0.1, 1.0), Arbitraries.doubles().between(1.0, 3.0))
            .as(FactorBounds::new);
    Arbitrary<Optional<Instant>> created =
        Arbitraries.longs()
            .between(0, 4_000_000_000L)
            .map(s -> Instant.ofEpochSecond(s, s % 1000 * 1_000_000))
            .optional();
    return Combinators.combine(
            names,
            created,
            names.optional(),
            Arbitraries.maps(names, target).ofMaxSize(3),
            Arbitraries.maps(names, numbers).ofMaxSize(3),
            Arbitraries.maps(names, bounds).ofMaxSize(2),
            Arbitraries.maps(names, numbers).ofMaxSize(2),
            Combinators.combine(Arbitraries.longs().between(0, 1_000_000), names)
                .as(AuditHead::new)
                .optional())
        .as(
            (version, createdAt, approvedBy, cal, factors, b, weights, audit) ->
                new CalibrationConfig(
                    1, version, createdAt, approvedBy, cal, factors, b, weights, audit));
  }
}
