package dev.calibration.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.calibration.api.Prediction;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The encoder's caches (encoded keys and lineage versions, the text of the last second) are
 * invisible: an encoder that has written other records writes every byte as a fresh one does.
 */
class PredictionEncoderCacheProperties {

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
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertArrayEquals(expected, encoder.encode(Prediction.builder("x", t).build()).toByteArray());
    }
  }

  @Provide
  Arbitrary<Prediction> predictions() {
    return new PredictionJsonProperties().predictions();
  }
}
