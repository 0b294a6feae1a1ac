package dev.calibration.isotonic;

import dev.calibration.api.CalibrationData;
import java.util.Arrays;

/**
 * The fitting steps of scikit-learn 1.2.1's {@code IsotonicRegression}, reproduced operation by
 * operation so that the thresholds agree to rounding: drop zero weights, sort by score, pool equal
 * scores ({@code _make_unique}: a score within {@code 1e-15} of its group's first score joins the
 * group, which keeps the first score, the weighted mean label and the summed weight), weighted
 * pool-adjacent-violators ({@code _inplace_contiguous_isotonic_regression}), clip to [yMin, yMax],
 * and trim the interior points of constant runs.
 */
final class PoolAdjacentViolators {
  /** numpy's {@code finfo(float64).resolution}, the tie tolerance of {@code _make_unique}. */
  static final double TIE_EPS = 1e-15;

  private PoolAdjacentViolators() {}

  /** Kept thresholds: strictly increasing x, and their fitted y. */
  record Thresholds(double[] x, double[] y) {}

  static Thresholds fit(
      CalibrationData data, boolean increasing, double yMin, double yMax) {
    int n = data.size();
    boolean weighted = data.isWeighted();
    long[] sk;
    long[] payload;
    int m = 0;
    if (weighted) {
      // Carry the index: label and weight are gathered after the sort.
      long[] keys = new long[n];
      int[] index = new int[n];
      for (int i = 0; i < n; i++) {
        if (data.weight(i) > 0) {
          keys[m] = RadixSort.key(data.score(i));
          index[m] = i;
          m++;
        }
      }
      RadixSort.Sorted sorted = RadixSort.sort(keys, index, m);
      sk = sorted.keys();
      int[] si = sorted.payload();
      payload = new long[m];
      for (int k = 0; k < m; k++) {
        payload[k] = si[k];
      }
    } else {
      // Carry the label's bits next to the key, so no random access is needed after the sort.
      long[] pairs = new long[2 * n];
      for (int i = 0; i < n; i++) {
        pairs[2 * i] = RadixSort.key(data.score(i));
        pairs[2 * i + 1] = Double.doubleToRawLongBits(data.label(i));
      }
      m = n;
      sk = RadixSort.sortPairs(pairs, m);
      payload = sk;
    }

    // _make_unique: group scores within TIE_EPS of the group's first score. The group's score is
    // kept as its key in sk[u] (u < k when written, so it never overwrites an unread entry).
    double[] uy = new double[m];
    double[] uw = new double[m];
    int u = 0;
    int stride = weighted ? 1 : 2; // unweighted: key and label bits interleaved in sk
    long currentKey = sk[0];
    double currentX = RadixSort.value(currentKey);
    double currentY = 0;
    double currentW = 0;
    for (int k = 0; k < m; k++) {
      long key = sk[stride * k];
      double x = RadixSort.value(key);
      double w;
      double wy;
      if (weighted) {
        int i = (int) payload[k];
        w = data.weight(i);
        wy = data.label(i) * w;
      } else {
        w = 1.0;
        wy = Double.longBitsToDouble(payload[2 * k + 1]);
      }
      if (x - currentX >= TIE_EPS) {
        sk[u] = currentKey;
        uw[u] = currentW;
        uy[u] = currentY / currentW;
        u++;
        currentKey = key;
        currentX = x;
        currentW = w;
        currentY = wy;
      } else {
        currentW += w;
        currentY += wy;
      }
    }
    sk[u] = currentKey;
    uw[u] = currentW;
    uy[u] = currentY / currentW;
    u++;

    if (!increasing) {
      reverse(uy, u);
      reverse(uw, u);
    }
    isotonic(uy, uw, u);
    if (!increasing) {
      reverse(uy, u);
    }
    if (yMin > Double.NEGATIVE_INFINITY || yMax < Double.POSITIVE_INFINITY) {
      for (int k = 0; k < u; k++) {
        uy[k] = Math.min(yMax, Math.max(yMin, uy[k]));
      }
    }
    return trim(sk, uy, u);
  }

  /**
   * In-place weighted PAV for a non-decreasing fit; the same block bookkeeping as scikit-learn:
   * {@code target[i]} is the last index of the block starting at i and {@code target[last]} its
   * first; y and w of a block's first index hold the block's mean and weight.
   */
  static void isotonic(double[] y, double[] w, int n) {
    int[] target = new int[n];
    for (int i = 0; i < n; i++) {
      target[i] = i;
    }
    int i = 0;
    while (i < n) {
      int k = target[i] + 1;
      if (k == n) {
        break;
      }
      if (y[i] < y[k]) {
        i = k;
        continue;
      }
      double sumWy = w[i] * y[i];
      double sumW = w[i];
      while (true) {
        // Within a decreasing run.
        double prevY = y[k];
        sumWy += w[k] * y[k];
        sumW += w[k];
        k = target[k] + 1;
        if (k == n || prevY < y[k]) {
          y[i] = sumWy / sumW;
          w[i] = sumW;
          target[i] = k - 1;
          target[k - 1] = i;
          if (i > 0) {
            i = target[i - 1]; // back up to the previous block
          }
          break;
        }
      }
    }
    i = 0;
    while (i < n) {
      int k = target[i] + 1;
      Arrays.fill(y, i + 1, k, y[i]);
      i = k;
    }
  }

  /**
   * Keeps the first and last point and every point that differs from a neighbour; the scores come
   * as their radix keys.
   */
  private static Thresholds trim(long[] keys, double[] y, int n) {
    if (n <= 2) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = RadixSort.value(keys[i]);
      }
      return new Thresholds(x, Arrays.copyOf(y, n));
    }
    int kept = 2;
    for (int i = 1; i < n - 1; i++) {
      if (y[i] != y[i - 1] || y[i] != y[i + 1]) {
        kept++;
      }
    }
    double[] kx = new double[kept];
    double[] ky = new double[kept];
    int k = 0;
    kx[k] = RadixSort.value(keys[0]);
    ky[k] = y[0];
    k++;
    for (int i = 1; i < n - 1; i++) {
      if (y[i] != y[i - 1] || y[i] != y[i + 1]) {
        kx[k] = RadixSort.value(keys[i]);
        ky[k] = y[i];
        k++;
      }
    }
    kx[k] = RadixSort.value(keys[n - 1]);
    ky[k] = y[n - 1];
    return new Thresholds(kx, ky);
  }

  private static void reverse(double[] a, int n) {
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * Whether scikit-learn's {@code check_increasing} says increasing: the Spearman correlation of
   * score and label (average ranks for ties, all points including zero-weight ones) is {@code >=
   * 0}. An undefined correlation (constant scores or labels) is NaN, which is not {@code >= 0}, so
   * it says decreasing, as scikit-learn does; the fit is constant then either way.
   */
  static boolean spearmanNonNegative(CalibrationData data) {
    int n = data.size();
    double[] rx = ranks(data.scores());
    double[] ry = ranks(data.labels());
    double mean = (n + 1) / 2.0;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double a = rx[i] - mean;
      double b = ry[i] - mean;
      sxy += a * b;
      sxx += a * a;
      syy += b * b;
    }
    double rho = sxy / Math.sqrt(sxx * syy);
    return rho >= 0;
  }

  /** 1-based average ranks, ties sharing the mean of their ranks (scipy's rankdata "average"). */
  static double[] ranks(double[] v) {
    int n = v.length;
    long[] keys = new long[n];
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = RadixSort.key(v[i]);
      index[i] = i;
    }
    RadixSort.Sorted s = RadixSort.sort(keys, index, n);
    double[] r = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      double x = RadixSort.value(s.keys()[i]);
      while (j + 1 < n && RadixSort.value(s.keys()[j + 1]) == x) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[s.payload()[k]] = rank;
      }
      i = j + 1;
    }
    return r;
  }
}
