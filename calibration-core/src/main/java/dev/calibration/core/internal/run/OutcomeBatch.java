package dev.calibration.core.internal.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Up to {@code cap} parsed outcome rows: id, status (1 settled, 2 void, 3 push) and the needed
 * outcome columns (NaN when absent or not a number). Confined to one thread at a time.
 */
final class OutcomeBatch {
  static final byte SETTLED = 1;
  static final byte VOID = 2;
  static final byte PUSH = 3;

  int n;
  byte[] idBuf;
  int[] idOff;
  int[] idLen;
  long[] hash;
  byte[] status;
  double[][] values;
  long nonNumeric;
  long skipped;
  final List<Problem> problems = new ArrayList<>();
  int lines;
  /**
   * Each row's prediction entry number (-1: none), probed by the parsing task; empty until {@link
   * JoinStore#lookUp} ran, and valid only for {@link #lookedUpIn} at {@link #lookedUpSize} ids.
   */
  int[] entry = new int[0];
  @Nullable IdTable lookedUpIn;
  int lookedUpSize = -1;
  /** The lookup's early slot loads, combined (kept so that they are not dead code). */
  long touched;

  OutcomeBatch(int cap, int columns) {
    this(cap, columns, new byte[Math.max(16, cap * 12)]);
  }

  /** A batch whose ids live in {@code idBuf} (the fast path's block: no copy). */
  OutcomeBatch(int cap, int columns, byte[] idBuf) {
    this.idBuf = idBuf;
    idOff = new int[cap];
    idLen = new int[cap];
    hash = new long[cap];
    status = new byte[cap];
    values = new double[columns][cap];
    for (double[] v : values) {
      Arrays.fill(v, Double.NaN);
    }
  }

  int capacity() {
    return idOff.length;
  }

  /** Makes room for one more row. */
  void ensure() {
    if (n < idOff.length) {
      return;
    }
    int cap = idOff.length * 2;
    idOff = Arrays.copyOf(idOff, cap);
    idLen = Arrays.copyOf(idLen, cap);
    hash = Arrays.copyOf(hash, cap);
    status = Arrays.copyOf(status, cap);
    for (int c = 0; c < values.length; c++) {
      int old = values[c].length;
      values[c] = Arrays.copyOf(values[c], cap);
      Arrays.fill(values[c], old, cap, Double.NaN);
    }
  }

  int appendId(byte[] id) {
    return appendId(id, 0, id.length);
  }

  /** Copies id bytes after the previous row's id; sets this row's offset and length. */
  int appendId(byte[] src, int off, int len) {
    int used = n == 0 ? 0 : idOff[n - 1] + idLen[n - 1];
    if (used + len > idBuf.length) {
      idBuf = Arrays.copyOf(idBuf, Math.max(idBuf.length * 2, used + len));
    }
    System.arraycopy(src, off, idBuf, used, len);
    idOff[n] = used;
    idLen[n] = len;
    hash[n] = Hashing.hash(idBuf, used, len);
    return used;
  }
}
