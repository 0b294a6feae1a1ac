package dev.calibration.core.internal.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time ("SIMD within a register"): a word's bytes equal to a target
 * become zero after an XOR, and {@code (x - 0x01..01) & ~x & 0x80..80} flags zero bytes; the lowest
 * flag is always a true match (borrows only disturb bytes above it), so the first match is exact.
 */
final class Swar {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = ONES * '\n';
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * 0x20;

  private Swar() {}

  /** The index of the first '\n' in buf[from, to), or to. */
  static int newline(byte[] buf, int from, int to) {
    int i = from;
    while (i + 8 <= to) {
      long x = (long) LONGS.get(buf, i) ^ NEWLINES;
      long t = (x - ONES) & ~x & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
      i += 8;
    }
    while (i < to && buf[i] != '\n') {
      i++;
    }
    return i;
  }

  /** The index of the first '"', '\\' or control byte (below 0x20) in buf[from, to), or to. */
  static int stringStop(byte[] buf, int from, int to) {
    int i = from;
    while (i + 8 <= to) {
      long w = (long) LONGS.get(buf, i);
      long q = w ^ QUOTES;
      long b = w ^ BACKSLASHES;
      long t = ((q - ONES) & ~q) | ((b - ONES) & ~b) | ((w - SPACES) & ~w);
      t &= HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
      i += 8;
    }
    while (i < to) {
      byte c = buf[i];
      if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
        return i;
      }
      i++;
    }
    return to;
  }
}
