package dev.calibration.core.internal.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The scanner splits any byte stream exactly like a plain split on '\n', whatever the chunking. */
class LineScannerProperties {

  /** An input stream that returns at most {@code chunk} bytes per read. */
  private static InputStream chunked(byte[] data, int chunk) {
    return new InputStream() {
      int pos;

      @Override
      public int read() {
        return pos < data.length ? data[pos++] & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
          return -1;
        }
        int n = Math.min(Math.min(len, chunk), data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }

  @Provide
  Arbitrary<byte[]> streams() {
    Arbitrary<Byte> b = Arbitraries.oneOf(Arbitraries.of((byte) '\n'), Arbitraries.bytes());
    return b.list().ofMaxSize(400).map(l -> {
      byte[] out = new byte[l.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = l.get(i);
      }
      return out;
    });
  }

  @Property(tries = 300)
  void next_anyBytesAnyChunking_yieldsTheLinesOfAPlainSplit(
      @ForAll("streams") byte[] data,
      @ForAll @IntRange(min = 1, max = 70) int chunk,
      @ForAll @IntRange(min = 1, max = 50) int maxLine)
      throws IOException {
    // Reference: split on '\n'; a final segment without '\n' is a line only if not empty.
    List<byte[]> expected = new ArrayList<>();
    List<Boolean> terminated = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        expected.add(Arrays.copyOfRange(data, start, i));
        terminated.add(true);
        start = i + 1;
      }
    }
    if (start < data.length) {
      expected.add(Arrays.copyOfRange(data, start, data.length));
      terminated.add(false);
    }
    try (LineScanner s = new LineScanner(chunked(data, chunk), maxLine)) {
      long offset = 0;
      for (int k = 0; k < expected.size(); k++) {
        assertEquals(true, s.next(), "line " + (k + 1));
        byte[] e = expected.get(k);
        assertEquals(k + 1, s.lineNumber());
        assertEquals(offset, s.byteOffset());
        assertEquals(terminated.get(k), s.terminated());
        assertEquals(e.length, s.lineBytes());
        assertEquals(e.length > maxLine, s.tooLong());
        if (!s.tooLong()) {
          assertArrayEquals(e, Arrays.copyOfRange(s.array(), s.offset(), s.offset() + s.length()));
        }
        offset += e.length + 1;
      }
      assertEquals(false, s.next());
    }
  }

  @Property(tries = 20)
  void next_linesAcrossTheReadBuffer_areReassembled(@ForAll @IntRange(min = 1, max = 200_000) int size)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] line = new byte[size];
    Arrays.fill(line, (byte) 'x');
    out.write(line);
    out.write('\n');
    out.write(line);
    try (LineScanner s = new LineScanner(chunked(out.toByteArray(), 100_000), 1 << 20)) {
      s.next();
      assertEquals(size, s.length());
      s.next();
      assertEquals(size, s.length());
      assertEquals(false, s.terminated());
    }
  }
}
