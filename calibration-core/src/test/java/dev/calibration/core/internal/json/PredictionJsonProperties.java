package dev.calibration.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calibration.api.Prediction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import net.jqwik.api.constraints.LongRange;

/** Invariants of the line codec: what is written reads back equal, and the text is standard. */
class PredictionJsonProperties {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Property(tries = 200)
  void encodeThenDecode_anyValidPrediction_isEqual(@ForAll("predictions") Prediction p)
      throws Exception {
    byte[] line = PredictionJson.toLine(p);
    assertEquals('\n', line[line.length - 1]);
    assertEquals(p, PredictionJson.fromLine(line));
  }

  @Property(tries = 100)
  void encode_anyValidPrediction_isOneLineOfStandardJson(@ForAll("predictions") Prediction p)
      throws Exception {
    byte[] line = PredictionJson.toLine(p);
    String text = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
    assertEquals(-1, text.indexOf('\n'), "no raw newline inside the record");
    // An independent parser (Jackson's tree model) agrees on the id and values.
    var tree = JACKSON.readTree(text);
    assertEquals(p.id(), tree.get("id").asText());
    for (Map.Entry<String, Double> e : p.values().entrySet()) {
      assertEquals(e.getValue(), tree.get("values").get(e.getKey()).asDouble());
    }
  }

  /** The JDK's own {@link Instant#toString()} is the reference for the hand-written formatter. */
  @Property(tries = 300)
  void timestamp_anyInstantOfYears0To9999_isWrittenAsInstantToString(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long seconds,
      @ForAll("nanos") int nanos) {
    Instant t = Instant.ofEpochSecond(seconds, nanos);
    Prediction p = Prediction.builder("x", t).build();
    String json = PredictionJson.toJson(p);
    assertEquals("{\"schema\":1,\"id\":\"x\",\"ts\":\"" + t + "\",\"values\":{}}", json);
  }

  @Property(tries = 300)
  void parseInstant_offsetForms_matchJdkParser(
      @ForAll @LongRange(min = 0, max = 253_402_200_000L) long seconds,
      @ForAll("nanos") int nanos,
      @ForAll("offsets") int offsetMinutes) {
    var odt =
        Instant.ofEpochSecond(seconds, nanos)
            .atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    String text = odt.toString();
    assertEquals(odt.toInstant(), PredictionDecoder.parseInstant(text), text);
  }

  /** The encoder's fixed-point fast path and its fallback both read back to the same double. */
  @Property(tries = 2000)
  void encode_anyFiniteDouble_readsBackBitForBit(@ForAll("doubles") double d) throws Exception {
    Prediction p = Prediction.builder("x", Instant.EPOCH).value("v", d).build();
    double back = PredictionJson.fromLine(PredictionJson.toLine(p)).values().get("v");
    assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(back), d + " came back as " + back);
  }

  @Provide
  Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        finite(),
        Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite));
  }

  @Provide
  Arbitrary<Integer> nanos() {
    return Arbitraries.oneOf(
        Arbitraries.just(0),
        Arbitraries.integers().between(0, 999).map(i -> i * 1_000_000),
        Arbitraries.integers().between(0, 999_999).map(i -> i * 1000),
        Arbitraries.integers().between(0, 999_999_999));
  }

  @Provide
  Arbitrary<Integer> offsets() {
    return Arbitraries.integers().between(-18 * 60 + 1, 18 * 60 - 1);
  }

  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().withChars('_', '-', '.').ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8));
  }

  private static Arbitrary<Double> finite() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(-1e6, 1e6),
        Arbitraries.doubles().between(0, 1),
        Arbitraries.doubles().between(-1000, 1000).ofScale(7),
        Arbitraries.doubles().between(-1e-6, 1e-6).ofScale(12),
        Arbitraries.of(0.0, -0.0, 1.0, 1e300, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 45.0),
        Arbitraries.longs().between(-(1L << 53), 1L << 53).map(Long::doubleValue));
  }

  private static Arbitrary<Object> leaf() {
    return Arbitraries.oneOf(
        text().map(s -> (Object) s),
        Arbitraries.longs().map(l -> (Object) l),
        finite().map(d -> (Object) d),
        Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b));
  }

  private static Arbitrary<Map<String, Object>> context(int depth) {
    Arbitrary<Object> value =
        depth == 0
            ? leaf()
            : Arbitraries.oneOf(
                leaf(),
                context(depth - 1).map(m -> (Object) m),
                leaf().list().ofMaxSize(3).map(l -> (Object) List.copyOf(l)));
    return Arbitraries.maps(text(), value).ofMaxSize(3).map(LinkedHashMap::new);
  }

  @Provide
  Arbitrary<Prediction> predictions() {
    Arbitrary<Instant> ts =
        Arbitraries.longs()
            .between(-62_167_219_200L, 253_402_300_799L)
            .flatMap(s -> nanos().map(n -> Instant.ofEpochSecond(s, n)));
    Arbitrary<Optional<String>> opt = text().optional();
    Arbitrary<Map<String, String>> segment = Arbitraries.maps(text(), text()).ofMaxSize(3);
    Arbitrary<Map<String, Double>> values = Arbitraries.maps(text(), finite()).ofMaxSize(4);
    Arbitrary<Map<String, Map<String, Double>>> members =
        Arbitraries.maps(text(), Arbitraries.maps(text(), finite()).ofMaxSize(3)).ofMaxSize(2);
    return Combinators.combine(
            text().filter(s -> !s.isBlank()),
            ts,
            opt,
            opt,
            opt,
            segment,
            Combinators.combine(values, members, context(2)).as(List::of))
        .as(
            (id, t, model, mv, cv, seg, rest) ->
                new Prediction(
                    id, t, model, mv, cv, seg,
                    cast(rest.get(0)), cast(rest.get(1)), cast(rest.get(2))));
  }

  @SuppressWarnings("unchecked") // the list holds the three maps combined just above
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
