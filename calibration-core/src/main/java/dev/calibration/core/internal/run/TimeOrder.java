package dev.calibration.core.internal.run;

import java.util.Arrays;

/**
 * Puts selected rows in time order, ties kept in log order (a stable sort). Logs are appended in
 * time order, so the common case is a linear check that finds them sorted already.
 */
final class TimeOrder {
  private TimeOrder() {}

  static int[] order(int[] sel, Pages.Longs ts) {
    int n = sel.length;
    boolean sorted = true;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long prev = Long.MIN_VALUE;
    for (int e : sel) {
      long t = ts.get(e);
      sorted &= t >= prev;
      prev = t;
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    if (sorted) {
      return sel;
    }
    int idxBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
    long range = max - min;
    if (range >= 0 && range < (1L << (63 - idxBits))) {
      // pack (time offset, position) into one long: sorting the longs is a stable time sort
      long[] keys = new long[n];
      for (int k = 0; k < n; k++) {
        keys[k] = ((ts.get(sel[k]) - min) << idxBits) | k;
      }
      Arrays.parallelSort(keys);
      int[] out = new int[n];
      long mask = (1L << idxBits) - 1;
      for (int k = 0; k < n; k++) {
        out[k] = sel[(int) (keys[k] & mask)];
      }
      return out;
    }
    Integer[] boxed = new Integer[n];
    for (int k = 0; k < n; k++) {
      boxed[k] = sel[k];
    }
    Arrays.sort(boxed, (a, b) -> Long.compare(ts.get(a), ts.get(b))); // stable merge sort
    int[] out = new int[n];
    for (int k = 0; k < n; k++) {
      out[k] = boxed[k];
    }
    return out;
  }
}
