package dev.calibration.core.internal.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Up to {@code cap} parsed prediction rows in primitive columns, produced by one parser (generic or
 * fast) and merged into the {@link JoinStore} in log order. Label columns hold batch-local indexes
 * into the batch's label lists. Confined to one thread at a time (handed over through a future).
 */
final class PredictionBatch {
  int n;
  byte[] idBuf;
  int[] idOff;
  int[] idLen;
  long[] hash;
  long[] ts;
  int[] seg;
  int[] mv;
  int[] cv;
  final List<String> segLabels = new ArrayList<>();
  final List<String> mvLabels = new ArrayList<>();
  final List<String> cvLabels = new ArrayList<>();
  double[][] values;
  final List<List<String>> memberNames = new ArrayList<>();
  final List<List<double[]>> memberValues = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();
  /** Lines in the block (for numbering the next block's lines). */
  int lines;
  /** Whether the block ended in a torn last line that was ignored. */
  boolean truncated;

  PredictionBatch(int cap, int targets) {
    this(cap, targets, new byte[Math.max(16, cap * 12)]);
  }

  /** A batch whose ids live in {@code idBuf} (the fast path's block: no copy). */
  PredictionBatch(int cap, int targets, byte[] idBuf) {
    this.idBuf = idBuf;
    idOff = new int[cap];
    idLen = new int[cap];
    hash = new long[cap];
    ts = new long[cap];
    seg = new int[cap];
    mv = new int[cap];
    cv = new int[cap];
    values = new double[targets][cap];
    for (int t = 0; t < targets; t++) {
      Arrays.fill(values[t], Double.NaN);
      memberNames.add(new ArrayList<>());
      memberValues.add(new ArrayList<>());
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
    ts = Arrays.copyOf(ts, cap);
    seg = Arrays.copyOf(seg, cap);
    mv = Arrays.copyOf(mv, cap);
    cv = Arrays.copyOf(cv, cap);
    for (int t = 0; t < values.length; t++) {
      values[t] = grownNaN(values[t], cap);
      List<double[]> cols = memberValues.get(t);
      for (int m = 0; m < cols.size(); m++) {
        cols.set(m, grownNaN(cols.get(m), cap));
      }
    }
  }

  private static double[] grownNaN(double[] a, int cap) {
    int old = a.length;
    double[] b = Arrays.copyOf(a, cap);
    Arrays.fill(b, old, cap, Double.NaN);
    return b;
  }

  /** The member column of target t named name, created (NaN-filled) on first use. */
  double[] member(int t, String name) {
    List<String> names = memberNames.get(t);
    int i = names.indexOf(name);
    if (i >= 0) {
      return memberValues.get(t).get(i);
    }
    double[] col = new double[capacity()];
    Arrays.fill(col, Double.NaN);
    names.add(name);
    memberValues.get(t).add(col);
    return col;
  }

  /** Appends id bytes to the batch's own buffer (the generic path) and returns the offset. */
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

  static int label(List<String> labels, String label) {
    int i = labels.indexOf(label);
    if (i >= 0) {
      return i;
    }
    labels.add(label);
    return labels.size() - 1;
  }
}
