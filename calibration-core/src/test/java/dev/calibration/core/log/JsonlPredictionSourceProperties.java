package dev.calibration.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calibration.api.Prediction;
import dev.calibration.core.internal.json.PredictionJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Fuzzing the reader: with SKIP it never throws, and every line lands in exactly one count. */
class JsonlPredictionSourceProperties {

  @Provide
  Arbitrary<List<byte[]>> lines() {
    Arbitrary<byte[]> good =
        Arbitraries.integers().between(0, 1000).map(i -> PredictionJson.toLine(LogTestSupport.typical("g" + i, i)));
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
    Arbitrary<byte[]> mutated =
        good.flatMap(
            g ->
                Arbitraries.integers()
                    .between(0, g.length - 2)
                    .flatMap(
                        at ->
                            Arbitraries.bytes()
                                .map(
                                    b -> {
                                      byte[] c = g.clone();
                                      c[at] = b;
                                      return c;
                                    })));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, good), net.jqwik.api.Tuple.of(1, noise), net.jqwik.api.Tuple.of(2, mutated))
        .list()
        .ofMaxSize(30);
  }

  @Property(tries = 150)
  void readWithSkip_anyMixOfGoodAndBrokenLines_neverThrowsAndCountsEveryLine(
      @ForAll("lines") List<byte[]> lines) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] l : lines) {
      out.write(l);
      if (l.length == 0 || l[l.length - 1] != '\n') {
        out.write('\n');
      }
    }
    byte[] data = out.toByteArray();
    long newlines = 0;
    for (byte b : data) {
      if (b == '\n') {
        newlines++;
      }
    }
    Path file = Files.createTempFile("fuzz", ".jsonl");
    try {
      Files.write(file, data);
      JsonlPredictionSource source =
          JsonlPredictionSource.builder(file).policy(ReadPolicy.SKIP).build();
      long read;
      try (Stream<Prediction> s = source.open()) {
        read = s.count();
      }
      ReadStats st = source.stats();
      assertEquals(read, st.read());
      // The file ends with '\n', so lines = newlines; each is read, skipped or blank.
      assertEquals(newlines, st.read() + st.skipped() + st.blank() + st.truncated(), st.toString());
      assertEquals(0, st.truncated());
    } finally {
      Files.delete(file);
    }
  }
}
