package dev.calibration.core.internal.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calibration.api.Prediction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The encoder's speed-ups change no byte: its caches (encoded keys and lineage versions, the text of
 * the last second) are invisible, and numbers follow the documented rule exactly.
 */
class PredictionEncoderBytesProperties {

  @Property(tries = 150)
  void encode_reusedEncoder_writesSameBytesAsFreshEncoder(
      @ForAll @Size(max = 12) List<@From("predictions") Prediction> records) {
    PredictionEncoder reused = new PredictionEncoder();
    for (Prediction p : records) {
      byte[] fresh = new PredictionEncoder().encode(p).toByteArray();
      assertArrayEquals(fresh, reused.encode(p).toByteArray());
      // Again: now every key is a cache hit and the second is the cached one.
      assertArrayEquals(fresh, reused.encode(p).toByteArray());
    }
  }

  /** Timestamps within one second and across seconds, through one encoder, match the JDK's text. */
  @Property(tries = 200)
  void timestamp_sameAndNextSecondThroughOneEncoder_isWrittenAsInstantToString(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_700L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll @IntRange(min = 0, max = 999_999_999) int laterNanos) {
    PredictionEncoder encoder = new PredictionEncoder();
    for (Instant t :
        List.of(
            Instant.ofEpochSecond(seconds, nanos),
            Instant.ofEpochSecond(seconds, laterNanos),
            Instant.ofEpochSecond(seconds + 1, 0),
            Instant.ofEpochSecond(seconds, nanos))) {
      byte[] expected =
          ("{\"schema\":1,\"id\":\"x\",\"ts\":\"" + t + "\",\"values\":{}}\n")
              .getBytes(UTF_8);
      assertArrayEquals(expected, encoder.encode(Prediction.builder("x", t).build()).toByteArray());
    }
  }

  /**
   * Numbers are written by the documented rule, formatted here independently with {@link
   * BigDecimal} and {@link Long#toString}: the shortest fixed point with up to nine decimals that
   * divides back to the double, else {@link Double#toString(double)}.
   */
  @Property(tries = 3000)
  void encode_anyNumber_isWrittenByTheDocumentedRule(
      @ForAll("doubles") double d, @ForAll long n) {
    Prediction p =
        Prediction.builder("x", Instant.EPOCH).value("v", d).context("n", n).build();
    String expected =
        "{\"schema\":1,\"id\":\"x\",\"ts\":\"1970-01-01T00:00:00Z\",\"values\":{\"v\":"
            + reference(d)
            + "},\"context\":{\"n\":"
            + Long.toString(n)
            + "}}\n";
    assertEquals(expected, new String(new PredictionEncoder().encode(p).toByteArray(), UTF_8));
  }

  private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

  private static String reference(double d) {
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    double abs = Math.abs(d);
    if (abs < 1e15 && abs >= 1e-9) {
      for (int k = 0; k <= 9; k++) {
        long m = Math.round(abs * POW10[k]);
        if (m < (1L << 53) && m / POW10[k] == abs) {
          String text = BigDecimal.valueOf(m, k).toPlainString() + (k == 0 ? ".0" : "");
          return d < 0 ? "-" + text : text;
        }
      }
    }
    return Double.toString(d);
  }

  @Provide
  Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L).map(v -> v / 1000.0),
        Arbitraries.integers().between(0, 9).flatMap(
            k -> Arbitraries.longs().between(-(1L << 53), 1L << 53).map(v -> v / POW10[k])),
        Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite));
  }

  @Provide
  Arbitrary<Prediction> predictions() {
    return new PredictionJsonProperties().predictions();
  }
}
