package dev.calibration.core.metrics;

import java.util.Arrays;

/**
 * The distinct scores of a probability sample with how many positives and negatives carry each,
 * built from the sorted scores of each class. Every probability metric depends on the sample only
 * through these counts, so computing on them is exact (up to summation order) and costs one term
 * per distinct score instead of one per sample: scores are often rounded (to 3 or 4 decimals), so
 * millions of samples share a few thousand scores, and the logistic fit's Newton passes shrink
 * accordingly.
 */
final class Distinct {
  final int size;
  final double[] value;
  final double[] pos;
  final double[] neg;
  private final long[] cumulative; // samples with index <= k, for percentiles

  private Distinct(int size, double[] value, double[] pos, double[] neg) {
    this.size = size;
    this.value = value;
    this.pos = pos;
    this.neg = neg;
    this.cumulative = new long[size];
    long c = 0;
    for (int k = 0; k < size; k++) {
      c += (long) (pos[k] + neg[k]);
      cumulative[k] = c;
    }
  }

  /** Merges the sorted negative and positive scores into distinct values with class counts. */
  static Distinct of(double[] negatives, double[] positives) {
    int cap = negatives.length + positives.length;
    double[] v = new double[Math.max(1, Math.min(cap, 1 << 16))];
    double[] a = new double[v.length];
    double[] b = new double[v.length];
    int k = 0;
    int i = 0;
    int j = 0;
    while (i < negatives.length || j < positives.length) {
      double x;
      if (j >= positives.length || (i < negatives.length && negatives[i] <= positives[j])) {
        x = negatives[i];
      } else {
        x = positives[j];
      }
      int n0 = i;
      while (i < negatives.length && negatives[i] == x) {
        i++;
      }
      int p0 = j;
      while (j < positives.length && positives[j] == x) {
        j++;
      }
      if (k == v.length) {
        int len = Math.min(cap, v.length * 2);
        v = Arrays.copyOf(v, len);
        a = Arrays.copyOf(a, len);
        b = Arrays.copyOf(b, len);
      }
      v[k] = x;
      a[k] = j - p0;
      b[k] = i - n0;
      k++;
    }
    return new Distinct(k, v, a, b);
  }

  /**
   * Counts the distinct scores with a hash table, without sorting the sample; null when there are
   * more than {@code limit} distinct scores (then sorting the sample is the better way).
   */
  static @org.jspecify.annotations.Nullable Distinct count(double[] p, double[] y, int limit) {
    int cap = Integer.highestOneBit(Math.max(16, limit * 2 - 1)) << 1;
    int mask = cap - 1;
    long[] keys = new long[cap];
    Arrays.fill(keys, -1L); // no score in [0, 1] has these bits
    double[] pos = new double[cap];
    double[] neg = new double[cap];
    int size = 0;
    for (int i = 0; i < p.length; i++) {
      long bits = Double.doubleToRawLongBits(p[i] + 0.0); // -0.0 + 0.0 is +0.0
      long h = bits * 0x9E3779B97F4A7C15L;
      int slot = (int) (h ^ (h >>> 29)) & mask;
      while (keys[slot] != bits && keys[slot] != -1L) {
        slot = (slot + 1) & mask;
      }
      if (keys[slot] == -1L) {
        if (++size > limit) {
          return null;
        }
        keys[slot] = bits;
      }
      if (y[i] == 1) {
        pos[slot]++;
      } else {
        neg[slot]++;
      }
    }
    // for non-negative doubles the raw bits sort in numeric order: sort (bits, slot) pairs
    long[] order = new long[size];
    int k = 0;
    for (int slot = 0; slot < cap; slot++) {
      if (keys[slot] != -1L) {
        order[k++] = keys[slot];
      }
    }
    Arrays.sort(order);
    double[] v = new double[size];
    double[] a = new double[size];
    double[] b = new double[size];
    for (int j = 0; j < size; j++) {
      long bits = order[j];
      long h = bits * 0x9E3779B97F4A7C15L;
      int slot = (int) (h ^ (h >>> 29)) & mask;
      while (keys[slot] != bits) {
        slot = (slot + 1) & mask;
      }
      v[j] = Double.longBitsToDouble(bits);
      a[j] = pos[slot];
      b[j] = neg[slot];
    }
    return new Distinct(size, v, a, b);
  }

  /** The Mann-Whitney AUC: positives above negatives, ties one half; NaN with one class. */
  double auc() {
    double below = 0;
    double u = 0;
    double positives = 0;
    for (int k = 0; k < size; k++) {
      u += pos[k] * (below + 0.5 * neg[k]);
      below += neg[k];
      positives += pos[k];
    }
    return positives == 0 || below == 0 ? Double.NaN : u / (positives * below);
  }

  long total() {
    return size == 0 ? 0 : cumulative[size - 1];
  }

  /** The score at position j (0-based) of the sorted sample. */
  double at(long j) {
    int lo = 0;
    int hi = size - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > j) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return value[lo];
  }

  /** numpy.percentile(scores, linspace(0, 1, bins + 1) * 100), default linear method. */
  double[] quantileEdges(int bins) {
    double[] e = new double[bins + 1];
    long n = total();
    if (n == 0) {
      Arrays.fill(e, Double.NaN);
      return e;
    }
    double step = 1.0 / bins;
    for (int k = 0; k <= bins; k++) {
      double q = k == bins ? 1.0 : k * step;
      double virtual = (q * 100) / 100 * (n - 1);
      long lo = (long) Math.floor(virtual);
      if (lo >= n - 1) {
        e[k] = at(n - 1);
        continue;
      }
      double t = virtual - lo;
      double a = at(lo);
      double b = at(lo + 1);
      double diff = b - a;
      e[k] = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
    return e;
  }

  /** Per-bin sums [count, sum of scores, positives], as {@link Metrics#accumulate} computes them. */
  double[][] accumulate(double[] edges) {
    int bins = edges.length - 1;
    double[] count = new double[bins];
    double[] sp = new double[bins];
    double[] sy = new double[bins];
    boolean uniform = Metrics.isUniformEdges(edges);
    for (int k = 0; k < size; k++) {
      int b = Metrics.binOf(value[k], edges, uniform);
      double c = pos[k] + neg[k];
      count[b] += c;
      sp[b] += c * value[k];
      sy[b] += pos[k];
    }
    return new double[][] {count, sp, sy};
  }

  /** The calibration intercept and slope, see {@link Metrics#logisticCalibration}. */
  LogisticFit fitLogistic() {
    double nan = Double.NaN;
    double n = 0;
    double positives = 0;
    double[] x = new double[size];
    for (int k = 0; k < size; k++) {
      x[k] = Metrics.logit(value[k]);
      n += pos[k] + neg[k];
      positives += pos[k];
    }
    boolean oneScore = size < 2 || x[0] == x[size - 1];
    if (n == 0 || positives == 0 || positives == n || oneScore) {
      return new LogisticFit(nan, nan, 0, false);
    }
    double a = 0;
    double b = 1;
    double[] state = pass(x, a, b);
    for (int iter = 1; iter <= 50; iter++) {
      // state: ll, g0, g1, h00, h01, h11 (h: the information matrix, positive definite)
      double det = state[3] * state[5] - state[4] * state[4];
      if (!(det > 0) || !Double.isFinite(det)) {
        return new LogisticFit(nan, nan, iter, false);
      }
      double da = (state[5] * state[1] - state[4] * state[2]) / det;
      double db = (state[3] * state[2] - state[4] * state[1]) / det;
      double scale = 1;
      double[] next = pass(x, a + da, b + db);
      int halvings = 0;
      while (!(next[0] >= state[0] - 1e-12 * Math.abs(state[0])) && halvings < 30) {
        scale /= 2;
        next = pass(x, a + scale * da, b + scale * db);
        halvings++;
      }
      a += scale * da;
      b += scale * db;
      state = next;
      if (Math.abs(scale * da) + Math.abs(scale * db) < 1e-9) {
        return new LogisticFit(a, b, iter, true);
      }
    }
    return new LogisticFit(nan, nan, 50, false);
  }

  /** Log-likelihood, gradient and information matrix at (a, b), one term per distinct score. */
  private double[] pass(double[] x, double a, double b) {
    double ll = 0;
    double g0 = 0;
    double g1 = 0;
    double h00 = 0;
    double h01 = 0;
    double h11 = 0;
    for (int k = 0; k < size; k++) {
      double xk = x[k];
      double c = pos[k] + neg[k];
      double eta = a + b * xk;
      double e = Math.exp(-Math.abs(eta));
      double mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      // log(1 + exp(eta)) = max(eta, 0) + log(1 + exp(-|eta|))
      ll += pos[k] * eta - c * (Math.max(eta, 0) + Math.log1p(e));
      double r = pos[k] - c * mu;
      g0 += r;
      g1 += r * xk;
      double w = c * mu * (1 - mu);
      h00 += w;
      h01 += w * xk;
      h11 += w * xk * xk;
    }
    return new double[] {ll, g0, g1, h00, h01, h11};
  }
}
