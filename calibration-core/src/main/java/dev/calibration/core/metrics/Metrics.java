package dev.calibration.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Metric functions on primitive arrays. Every function is pure, thread-safe and checks its input:
 * arrays of equal length, probabilities finite in [0, 1], binary outcomes exactly 0 or 1, value
 * arrays finite. An empty input gives {@code NaN} (undefined), never an exception.
 *
 * <p>Each formula is written on its method and in {@code docs/metrics.md}. Equal-width bins follow
 * scikit-learn's {@code calibration_curve} convention (see {@link Binning}).
 */
public final class Metrics {
  /** The smallest probability used in logarithms: scores are clipped to [EPS, 1 - EPS]. */
  public static final double EPS = 1e-15;

  /** The default number of bins for ECE, MCE and reliability diagrams. */
  public static final int DEFAULT_BINS = 15;

  /** The standard normal quantile for a two-sided 95% interval. */
  static final double Z95 = 1.959963984540054;

  private static final int PARALLEL_SORT_THRESHOLD = 1 << 20;

  private Metrics() {}

  // ---------------------------------------------------------------- probability metrics

  /** Brier score: {@code sum (p_i - y_i)^2 / n}. */
  public static double brier(double[] p, double[] y) {
    checkBinary(p, y);
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double d = p[i] - y[i];
      s += d * d;
    }
    return p.length == 0 ? Double.NaN : s / p.length;
  }

  /**
   * Log loss (binary cross-entropy, natural logarithm): {@code -sum (y_i ln q_i + (1 - y_i) ln(1 -
   * q_i)) / n} with {@code q_i = min(max(p_i, 1e-15), 1 - 1e-15)}.
   */
  public static double logLoss(double[] p, double[] y) {
    checkBinary(p, y);
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += pointLogLoss(p[i], y[i]);
    }
    return p.length == 0 ? Double.NaN : s / p.length;
  }

  /**
   * Expected calibration error: {@code sum_b (n_b / n) |mean(p in b) - mean(y in b)|} over the
   * non-empty bins {@code b} of the given {@link Binning}.
   */
  public static double ece(double[] p, double[] y, int bins, Binning binning) {
    checkBinary(p, y);
    checkBins(bins);
    if (p.length == 0) {
      return Double.NaN;
    }
    return eceOf(accumulate(p, y, edges(p, bins, binning)), p.length);
  }

  /**
   * Maximum calibration error: {@code max_b |mean(p in b) - mean(y in b)|} over the non-empty bins
   * of the given {@link Binning}.
   */
  public static double mce(double[] p, double[] y, int bins, Binning binning) {
    checkBinary(p, y);
    checkBins(bins);
    if (p.length == 0) {
      return Double.NaN;
    }
    return mceOf(accumulate(p, y, edges(p, bins, binning)));
  }

  /**
   * Reliability bins (the calibration curve) of the given {@link Binning}, empty bins included,
   * each with a Wilson score 95% interval for its observed rate ({@link #wilson}).
   */
  public static List<ReliabilityBin> reliability(
      double[] p, double[] y, int bins, Binning binning) {
    checkBinary(p, y);
    checkBins(bins);
    double[] edges = edges(p, bins, binning);
    return binsOf(edges, accumulate(p, y, edges));
  }

  /**
   * The bin edges ({@code bins + 1} values) the given {@link Binning} uses on these scores. Equal
   * width: {@code k * (1.0 / bins)} with the last edge exactly 1. Equal mass: the {@code k / bins}
   * percentiles of {@code p} with numpy's default linear interpolation.
   */
  public static double[] edges(double[] p, int bins, Binning binning) {
    checkBins(bins);
    if (binning == Binning.EQUAL_WIDTH) {
      double[] e = new double[bins + 1];
      double step = 1.0 / bins;
      for (int k = 0; k < bins; k++) {
        e[k] = k * step;
      }
      e[bins] = 1.0;
      return e;
    }
    double[] sorted = p.clone();
    sort(sorted);
    return quantileEdges(sorted, bins);
  }

  /**
   * The Wilson score interval {@code [low, high]} for {@code successes} out of {@code n} at 95%:
   * {@code (r + z^2/2n -+ z sqrt(r(1-r)/n + z^2/4n^2)) / (1 + z^2/n)} with {@code r = successes /
   * n} and {@code z = 1.959963984540054}. Both ends are {@code NaN} when {@code n == 0}.
   */
  public static double[] wilson(long successes, long n) {
    if (n < 0 || successes < 0 || successes > n) {
      throw new IllegalArgumentException(
          "wilson needs 0 <= successes <= n but got successes=" + successes + ", n=" + n);
    }
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double r = (double) successes / n;
    double z2 = Z95 * Z95;
    double denom = 1 + z2 / n;
    double center = (r + z2 / (2.0 * n)) / denom;
    double half = Z95 / denom * Math.sqrt(r * (1 - r) / n + z2 / (4.0 * n * n));
    return new double[] {Math.max(0, center - half), Math.min(1, center + half)};
  }

  /**
   * Calibration intercept and slope: maximum likelihood for {@code y ~ Bernoulli(sigmoid(a + b *
   * logit(q)))} with {@code q} the scores clipped to [1e-15, 1 - 1e-15], by Newton's method
   * (iteratively reweighted least squares) from {@code a = 0, b = 1}, halving a step that lowers
   * the likelihood, for at most 50 iterations.
   */
  public static LogisticFit logisticCalibration(double[] p, double[] y) {
    checkBinary(p, y);
    double[][] split = splitSorted(p, y);
    return Distinct.of(split[0], split[1]).fitLogistic();
  }

  /**
   * Area under the ROC curve, as the Mann-Whitney statistic: the probability that a random positive
   * scores above a random negative, ties counting one half: {@code (sum over pairs [p+ > p-] + 0.5
   * [p+ == p-]) / (n+ * n-)}. {@code NaN} when either class is absent.
   */
  public static double rocAuc(double[] p, double[] y) {
    checkBinary(p, y);
    double[][] split = splitSorted(p, y);
    return aucOfSorted(split[1], split[0]);
  }

  // ---------------------------------------------------------------- value metrics

  /** Mean absolute error: {@code sum |p_i - o_i| / n}. */
  public static double mae(double[] predicted, double[] observed) {
    checkValues(predicted, observed);
    double s = 0;
    for (int i = 0; i < predicted.length; i++) {
      s += Math.abs(predicted[i] - observed[i]);
    }
    return predicted.length == 0 ? Double.NaN : s / predicted.length;
  }

  /** Root mean squared error: {@code sqrt(sum (p_i - o_i)^2 / n)}. */
  public static double rmse(double[] predicted, double[] observed) {
    checkValues(predicted, observed);
    double s = 0;
    for (int i = 0; i < predicted.length; i++) {
      double d = predicted[i] - observed[i];
      s += d * d;
    }
    return predicted.length == 0 ? Double.NaN : Math.sqrt(s / predicted.length);
  }

  /** Bias, mean predicted minus observed: {@code sum (p_i - o_i) / n}. */
  public static double bias(double[] predicted, double[] observed) {
    checkValues(predicted, observed);
    double s = 0;
    for (int i = 0; i < predicted.length; i++) {
      s += predicted[i] - observed[i];
    }
    return predicted.length == 0 ? Double.NaN : s / predicted.length;
  }

  /**
   * Mean absolute percentage error as a fraction, over the samples with {@code o_i != 0}: {@code
   * sum |p_i - o_i| / |o_i| / m}. {@code NaN} when every observation is 0.
   */
  public static double mape(double[] predicted, double[] observed) {
    checkValues(predicted, observed);
    double s = 0;
    long m = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (observed[i] != 0) {
        s += Math.abs(predicted[i] - observed[i]) / Math.abs(observed[i]);
        m++;
      }
    }
    return m == 0 ? Double.NaN : s / m;
  }

  /** Every value metric of {@link ValueMetrics} in one call. */
  public static ValueMetrics value(double[] predicted, double[] observed) {
    checkValues(predicted, observed);
    int n = predicted.length;
    double abs = 0;
    double sq = 0;
    double diff = 0;
    double pct = 0;
    long mapeN = 0;
    double sumP = 0;
    double sumO = 0;
    double[] ratios = new double[n];
    int ratioN = 0;
    for (int i = 0; i < n; i++) {
      double p = predicted[i];
      double o = observed[i];
      double d = p - o;
      abs += Math.abs(d);
      sq += d * d;
      diff += d;
      if (o != 0) {
        pct += Math.abs(d) / Math.abs(o);
        mapeN++;
      }
      sumP += p;
      sumO += o;
      if (p != 0) {
        ratios[ratioN++] = o / p;
      }
    }
    double nan = Double.NaN;
    return new ValueMetrics(
        n,
        n == 0 ? nan : abs / n,
        n == 0 ? nan : Math.sqrt(sq / n),
        n == 0 ? nan : diff / n,
        mapeN == 0 ? nan : pct / mapeN,
        mapeN,
        sumP == 0 ? nan : sumO / sumP,
        median(ratios, ratioN),
        ratioN);
  }

  /**
   * Every probability metric of {@link ProbabilityMetrics} in one call, without trading figures.
   */
  public static ProbabilityMetrics probability(double[] p, double[] y, int bins) {
    return probability(p, y, bins, null, null, null);
  }

  /**
   * Every probability metric of {@link ProbabilityMetrics} in one call; trading figures come from
   * the optional per-sample stake, payout and closing-probability arrays ({@code NaN} where a sample
   * has none).
   */
  public static ProbabilityMetrics probability(
      double[] p,
      double[] y,
      int bins,
      double @org.jspecify.annotations.Nullable [] stake,
      double @org.jspecify.annotations.Nullable [] payout,
      double @org.jspecify.annotations.Nullable [] closing) {
    checkBinary(p, y);
    checkBins(bins);
    int n = p.length;
    // rounded scores: count the distinct ones with a hash table; otherwise sort each class
    Distinct d = Distinct.count(p, y, Math.max(4096, n / 16));
    if (d == null) {
      double[][] split = splitSorted(p, y);
      d = Distinct.of(split[0], split[1]);
    }
    double auc = d.auc();
    double sumP = 0;
    double sumY = 0;
    double brier = 0;
    double logLoss = 0;
    for (int k = 0; k < d.size; k++) {
      double v = d.value[k];
      double pos = d.pos[k];
      double neg = d.neg[k];
      sumP += (pos + neg) * v;
      sumY += pos;
      brier += pos * (v - 1) * (v - 1) + neg * v * v;
      double q = clip(v);
      if (pos > 0) {
        logLoss -= pos * Math.log(q);
      }
      if (neg > 0) {
        logLoss -= neg * Math.log(1 - q);
      }
    }
    double[] widthEdges = edges(p, bins, Binning.EQUAL_WIDTH);
    double[][] width = d.accumulate(widthEdges);
    double[] massEdges = d.quantileEdges(bins);
    double[][] mass = d.accumulate(massEdges);
    LogisticFit fit = d.fitLogistic();
    Optional<TradingMetrics> trading = Optional.empty();
    if (stake != null || closing != null) {
      trading = Optional.of(trading(p, y, stake, payout, closing));
    }
    double nan = Double.NaN;
    return new ProbabilityMetrics(
        n,
        bins,
        n == 0 ? nan : sumY / n,
        n == 0 ? nan : sumP / n,
        n == 0 ? nan : brier / n,
        n == 0 ? nan : logLoss / n,
        n == 0 ? nan : eceOf(width, n),
        n == 0 ? nan : mceOf(width),
        n == 0 ? nan : eceOf(mass, n),
        n == 0 ? nan : mceOf(mass),
        binsOf(widthEdges, width),
        binsOf(massEdges, mass),
        fit,
        auc,
        trading);
  }

  private static TradingMetrics trading(
      double[] p,
      double[] y,
      double @org.jspecify.annotations.Nullable [] stake,
      double @org.jspecify.annotations.Nullable [] payout,
      double @org.jspecify.annotations.Nullable [] closing) {
    long bets = 0;
    long wins = 0;
    double staked = 0;
    double units = 0;
    long clvN = 0;
    double clv = 0;
    double clvAbs = 0;
    for (int i = 0; i < p.length; i++) {
      if (stake != null && stake[i] > 0) {
        bets++;
        staked += stake[i];
        if (y[i] == 1) {
          wins++;
        }
        double back = payout == null || Double.isNaN(payout[i]) ? 0 : payout[i];
        units += back - stake[i];
      }
      if (closing != null && !Double.isNaN(closing[i])) {
        clvN++;
        double d = closing[i] - p[i];
        clv += d;
        clvAbs += Math.abs(d);
      }
    }
    double nan = Double.NaN;
    return new TradingMetrics(
        bets,
        bets == 0 ? nan : (double) wins / bets,
        staked,
        bets == 0 ? nan : units,
        staked == 0 ? nan : units / staked,
        clvN,
        clvN == 0 ? nan : clv / clvN,
        clvN == 0 ? nan : clvAbs / clvN);
  }

  // ---------------------------------------------------------------- internals

  static double clip(double p) {
    return p < EPS ? EPS : (p > 1 - EPS ? 1 - EPS : p);
  }

  static double logit(double p) {
    double q = clip(p);
    return Math.log(q / (1 - q));
  }

  private static double pointLogLoss(double p, double y) {
    double q = clip(p);
    return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
  }

  /** Sums per bin: [0] counts, [1] sum of p, [2] sum of y. */
  static double[][] accumulate(double[] p, double[] y, double[] edges) {
    int bins = edges.length - 1;
    double[] count = new double[bins];
    double[] sp = new double[bins];
    double[] sy = new double[bins];
    boolean uniform = isUniformEdges(edges);
    for (int i = 0; i < p.length; i++) {
      int b = binOf(p[i], edges, uniform);
      count[b]++;
      sp[b] += p[i];
      sy[b] += y[i];
    }
    return new double[][] {count, sp, sy};
  }

  /**
   * The number of inner edges ({@code edges[1..bins-1]}) strictly below {@code v}: numpy's {@code
   * searchsorted(edges[1:-1], v, side="left")}.
   */
  static int binOf(double v, double[] edges, boolean uniform) {
    int bins = edges.length - 1;
    if (uniform) {
      int guess = (int) (v * bins);
      int b = guess < 0 ? 0 : (guess > bins - 1 ? bins - 1 : guess);
      while (b > 0 && !(edges[b] < v)) {
        b--;
      }
      while (b < bins - 1 && edges[b + 1] < v) {
        b++;
      }
      return b;
    }
    int lo = 1;
    int hi = bins; // search in edges[1..bins-1]
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  /** Whether the edges are exactly the equal-width edges, so a bin can be computed directly. */
  static boolean isUniformEdges(double[] edges) {
    int bins = edges.length - 1;
    double step = 1.0 / bins;
    for (int k = 0; k < bins; k++) {
      if (edges[k] != k * step) {
        return false;
      }
    }
    return edges[bins] == 1.0;
  }

  static double eceOf(double[][] acc, long n) {
    double s = 0;
    for (int b = 0; b < acc[0].length; b++) {
      double c = acc[0][b];
      if (c > 0) {
        s += c / n * Math.abs(acc[1][b] / c - acc[2][b] / c);
      }
    }
    return s;
  }

  static double mceOf(double[][] acc) {
    double m = 0;
    for (int b = 0; b < acc[0].length; b++) {
      double c = acc[0][b];
      if (c > 0) {
        m = Math.max(m, Math.abs(acc[1][b] / c - acc[2][b] / c));
      }
    }
    return m;
  }

  private static List<ReliabilityBin> binsOf(double[] edges, double[][] acc) {
    List<ReliabilityBin> out = new ArrayList<>(acc[0].length);
    for (int b = 0; b < acc[0].length; b++) {
      long c = (long) acc[0][b];
      double nan = Double.NaN;
      if (c == 0) {
        out.add(new ReliabilityBin(b, edges[b], edges[b + 1], 0, nan, nan, nan, nan));
      } else {
        long k = Math.round(acc[2][b]);
        double[] w = wilson(k, c);
        out.add(
            new ReliabilityBin(
                b, edges[b], edges[b + 1], c, acc[1][b] / c, acc[2][b] / c, w[0], w[1]));
      }
    }
    return out;
  }

  /** numpy.percentile(sorted, linspace(0, 1, bins + 1) * 100), default linear method. */
  static double[] quantileEdges(double[] sorted, int bins) {
    double[] e = new double[bins + 1];
    int n = sorted.length;
    if (n == 0) {
      Arrays.fill(e, Double.NaN);
      return e;
    }
    double step = 1.0 / bins;
    for (int k = 0; k <= bins; k++) {
      double q = k == bins ? 1.0 : k * step;
      double virtual = (q * 100) / 100 * (n - 1);
      int lo = (int) Math.floor(virtual);
      if (lo >= n - 1) {
        e[k] = sorted[n - 1];
        continue;
      }
      double t = virtual - lo;
      double a = sorted[lo];
      double b = sorted[lo + 1];
      double diff = b - a;
      e[k] = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
    return e;
  }

  /** [0] sorted scores of negatives, [1] sorted scores of positives. */
  private static double[][] splitSorted(double[] p, double[] y) {
    int pos = 0;
    for (double v : y) {
      if (v == 1) {
        pos++;
      }
    }
    double[] positives = new double[pos];
    double[] negatives = new double[p.length - pos];
    int ip = 0;
    int in = 0;
    for (int i = 0; i < p.length; i++) {
      if (y[i] == 1) {
        positives[ip++] = p[i];
      } else {
        negatives[in++] = p[i];
      }
    }
    sort(positives);
    sort(negatives);
    return new double[][] {negatives, positives};
  }

  private static void sort(double[] a) {
    if (a.length >= PARALLEL_SORT_THRESHOLD) {
      Arrays.parallelSort(a);
    } else {
      Arrays.sort(a);
    }
  }

  private static double aucOfSorted(double[] pos, double[] neg) {
    if (pos.length == 0 || neg.length == 0) {
      return Double.NaN;
    }
    double u = 0;
    int below = 0; // negatives strictly below the current positive score
    int upTo = 0; // negatives at or below it
    for (double v : pos) {
      while (below < neg.length && neg[below] < v) {
        below++;
      }
      if (upTo < below) {
        upTo = below;
      }
      while (upTo < neg.length && neg[upTo] <= v) {
        upTo++;
      }
      u += below + 0.5 * (upTo - below);
    }
    return u / ((double) pos.length * neg.length);
  }

  static double median(double[] values, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    double[] a = Arrays.copyOf(values, n);
    int mid = n / 2;
    double hi = select(a, mid);
    if ((n & 1) == 1) {
      return hi;
    }
    double lo = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < mid; i++) { // after select, a[0..mid) holds the values <= a[mid]
      lo = Math.max(lo, a[i]);
    }
    return (lo + hi) / 2;
  }

  /** Quickselect (median-of-three pivot): the k-th smallest; partitions {@code a} around it. */
  private static double select(double[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      double x = a[lo];
      double yv = a[mid];
      double z = a[hi];
      double pivot = Math.max(Math.min(x, yv), Math.min(Math.max(x, yv), z));
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  // ---------------------------------------------------------------- checks

  private static void checkBins(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1 but was " + bins);
    }
  }

  private static void checkLength(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "arrays must have the same length but had %d and %d",
              a.length,
              b.length));
    }
  }

  private static void checkBinary(double[] p, double[] y) {
    checkLength(p, y);
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException(
            "probabilities must be in [0, 1] but p[" + i + "] was " + p[i]);
      }
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException("outcomes must be 0 or 1 but y[" + i + "] was " + y[i]);
      }
    }
  }

  private static void checkValues(double[] predicted, double[] observed) {
    checkLength(predicted, observed);
    for (int i = 0; i < predicted.length; i++) {
      if (!Double.isFinite(predicted[i]) || !Double.isFinite(observed[i])) {
        throw new IllegalArgumentException(
            "values must be finite but sample " + i + " was " + predicted[i] + ", " + observed[i]);
      }
    }
  }
}
