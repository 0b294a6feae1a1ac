package dev.calibration.core.internal.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** A fast 64-bit hash of id bytes: eight bytes at a time, multiply-xorshift mixing. */
final class Hashing {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long M1 = 0x9E3779B97F4A7C15L;
  private static final long M2 = 0xBF58476D1CE4E5B9L;

  private Hashing() {}

  static long hash(byte[] b, int off, int len) {
    long h = len * M1;
    int i = off;
    int end = off + len;
    while (i + 8 <= end) {
      long k = (long) LONGS.get(b, i);
      h = Long.rotateLeft(h ^ (k * M2), 29) * M1;
      i += 8;
    }
    long tail = 0;
    int shift = 0;
    while (i < end) {
      tail |= (b[i] & 0xFFL) << shift;
      shift += 8;
      i++;
    }
    h = Long.rotateLeft(h ^ (tail * M2), 29) * M1;
    h ^= h >>> 31;
    h *= M2;
    h ^= h >>> 29;
    return h;
  }
}
