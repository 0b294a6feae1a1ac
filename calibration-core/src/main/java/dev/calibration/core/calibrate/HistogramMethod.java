package dev.calibration.core.calibrate;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Histogram binning, {@code "histogram"} (Zadrozny and Elkan, 2001): the score range is cut into
 * bins and each bin maps to the weighted mean label of the fitting points that fall in it.
 *
 * <p>Bins: with {@link Binning#EQUAL_WIDTH}, {@code bins} intervals of equal width between the
 * smallest and the largest score; with {@link Binning#EQUAL_MASS} (the default), edges at the
 * score quantiles {@code sorted[floor(k n / bins)]}, so each bin holds about the same number of
 * points (counting points, not weights); repeated edges (ties) are merged, so there may be fewer
 * bins. Bin {@code k} is {@code [edge k, edge k+1)}, the last bin includes its upper edge.
 *
 * <p>An empty bin (no weight) takes the value of the nearest non-empty bin, the lower one when two
 * are equally near. With {@code monotone}, the bin values are made non-decreasing by weighted
 * pool-adjacent-violators over the non-empty bins before empty ones are filled.
 *
 * <p>At apply time a score below the first edge uses the first bin and above the last edge the last
 * bin; NaN gives NaN. Parameters: {@code edges} (n + 1 non-decreasing numbers) and {@code values}
 * (n numbers).
 */
public final class HistogramMethod implements CalibrationMethod {
  /** The registered name. */
  public static final String NAME = "histogram";

  /** The default number of bins. */
  public static final int DEFAULT_BINS = 10;

  /** How bin edges are placed. */
  public enum Binning {
    /** Equal-width bins between the smallest and the largest score. */
    EQUAL_WIDTH,
    /** Bins holding about the same number of points. */
    EQUAL_MASS
  }

  private final int bins;
  private final Binning binning;
  private final boolean monotone;

  /** The default method: 10 equal-mass bins, not forced monotone. */
  public HistogramMethod() {
    this(DEFAULT_BINS, Binning.EQUAL_MASS, false);
  }

  private HistogramMethod(int bins, Binning binning, boolean monotone) {
    this.bins = bins;
    this.binning = binning;
    this.monotone = monotone;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of {@link HistogramMethod}; each setter checks its value. */
  public static final class Builder {
    private int bins = DEFAULT_BINS;
    private Binning binning = Binning.EQUAL_MASS;
    private boolean monotone;

    private Builder() {}

    /** The number of bins, at least 1 (default 10). */
    public Builder bins(int bins) {
      if (bins < 1) {
        throw new IllegalArgumentException("bins must be >= 1 but was " + bins);
      }
      this.bins = bins;
      return this;
    }

    /** How edges are placed (default {@link Binning#EQUAL_MASS}). */
    public Builder binning(Binning binning) {
      this.binning = Objects.requireNonNull(binning, "binning must not be null");
      return this;
    }

    /** Whether bin values are forced non-decreasing (default false). */
    public Builder monotone(boolean monotone) {
      this.monotone = monotone;
      return this;
    }

    /** The method with these options. */
    public HistogramMethod build() {
      return new HistogramMethod(bins, binning, monotone);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Calibrator fit(CalibrationData data) {
    FitChecks.twoDistinctLabels(NAME, data);
    double[] edges = binning == Binning.EQUAL_WIDTH ? equalWidthEdges(data) : equalMassEdges(data);
    int k = edges.length - 1;
    double[] sumW = new double[k];
    double[] sumWy = new double[k];
    for (int i = 0; i < data.size(); i++) {
      double w = data.weight(i);
      if (w > 0) {
        int b = HistogramCalibrator.bin(edges, data.score(i));
        sumW[b] += w;
        sumWy[b] += w * data.label(i);
      }
    }
    double[] values = new double[k];
    boolean[] filled = new boolean[k];
    for (int b = 0; b < k; b++) {
      filled[b] = sumW[b] > 0;
      values[b] = filled[b] ? sumWy[b] / sumW[b] : Double.NaN;
    }
    if (monotone) {
      poolAdjacentViolators(values, sumW, filled);
    }
    fillEmpty(values, filled);
    return new HistogramCalibrator(edges, values);
  }

  /** Equal-width edges over the range of the positively weighted scores. */
  private double[] equalWidthEdges(CalibrationData data) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < data.size(); i++) {
      if (data.weight(i) > 0) {
        lo = Math.min(lo, data.score(i));
        hi = Math.max(hi, data.score(i));
      }
    }
    if (lo == hi) {
      return new double[] {lo, hi};
    }
    double[] edges = new double[bins + 1];
    double width = (hi - lo) / bins;
    for (int k = 0; k < bins; k++) {
      edges[k] = lo + k * width;
    }
    edges[bins] = hi;
    return dedupe(edges);
  }

  /** Quantile edges of the positively weighted scores. */
  private double[] equalMassEdges(CalibrationData data) {
    int m = 0;
    double[] s = new double[data.size()];
    for (int i = 0; i < data.size(); i++) {
      if (data.weight(i) > 0) {
        s[m++] = data.score(i);
      }
    }
    s = Arrays.copyOf(s, m);
    Arrays.sort(s);
    double[] edges = new double[bins + 1];
    for (int k = 0; k < bins; k++) {
      edges[k] = s[(int) ((long) k * m / bins)];
    }
    edges[bins] = s[m - 1];
    return dedupe(edges);
  }

  /** Merges repeated edges, keeping at least one bin. */
  private static double[] dedupe(double[] edges) {
    double[] out = new double[edges.length];
    int k = 0;
    out[k++] = edges[0];
    for (int i = 1; i < edges.length; i++) {
      if (edges[i] > out[k - 1]) {
        out[k++] = edges[i];
      }
    }
    if (k == 1) {
      out[k++] = edges[0];
    }
    return Arrays.copyOf(out, k);
  }

  /** Weighted PAV (non-decreasing) over the filled bins, in place. */
  static void poolAdjacentViolators(double[] values, double[] weights, boolean[] filled) {
    int k = values.length;
    int[] index = new int[k];
    double[] v = new double[k];
    double[] w = new double[k];
    int m = 0;
    for (int b = 0; b < k; b++) {
      if (!filled[b]) {
        continue;
      }
      index[m] = b;
      v[m] = values[b];
      w[m] = weights[b];
      m++;
    }
    // Blocks on a stack: top block's value, weight and first element.
    double[] bv = new double[m];
    double[] bw = new double[m];
    int[] bs = new int[m];
    int top = -1;
    for (int i = 0; i < m; i++) {
      top++;
      bv[top] = v[i];
      bw[top] = w[i];
      bs[top] = i;
      while (top > 0 && bv[top - 1] >= bv[top]) {
        double sw = bw[top - 1] + bw[top];
        bv[top - 1] = (bw[top - 1] * bv[top - 1] + bw[top] * bv[top]) / sw;
        bw[top - 1] = sw;
        top--;
      }
    }
    for (int blk = 0; blk <= top; blk++) {
      int end = blk == top ? m : bs[blk + 1];
      for (int i = bs[blk]; i < end; i++) {
        values[index[i]] = bv[blk];
      }
    }
  }

  /** Gives each empty bin the value of its nearest filled bin (the lower one on a tie). */
  private static void fillEmpty(double[] values, boolean[] filled) {
    int k = values.length;
    double[] out = values.clone();
    for (int b = 0; b < k; b++) {
      if (filled[b]) {
        continue;
      }
      for (int d = 1; d < k; d++) {
        if (b - d >= 0 && filled[b - d]) {
          out[b] = values[b - d];
          break;
        }
        if (b + d < k && filled[b + d]) {
          out[b] = values[b + d];
          break;
        }
      }
    }
    System.arraycopy(out, 0, values, 0, k);
  }

  @Override
  public Calibrator restore(Map<String, ?> parameters) {
    Params.checkKeys(NAME, parameters, Set.of("edges", "values"));
    double[] edges = Params.numbers(NAME, parameters, "edges");
    double[] values = Params.numbers(NAME, parameters, "values");
    if (values.length < 1 || edges.length != values.length + 1) {
      throw Params.invalid(
          NAME,
          "needs n >= 1 values and n + 1 edges but had "
              + values.length
              + " values and "
              + edges.length
              + " edges");
    }
    for (int i = 1; i < edges.length; i++) {
      if (edges[i] < edges[i - 1]) {
        throw Params.invalid(
            NAME,
            "parameter \"edges\" must be non-decreasing but edges["
                + i
                + "] = "
                + edges[i]
                + " < edges["
                + (i - 1)
                + "] = "
                + edges[i - 1]);
      }
    }
    return new HistogramCalibrator(edges, values);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%s[bins=%d, binning=%s, monotone=%s]", NAME, bins, binning, monotone);
  }

  /** Maps a score to its bin's value. */
  static final class HistogramCalibrator implements Calibrator {
    private final double[] edges;
    private final double[] values;
    private final Map<String, Object> parameters;

    HistogramCalibrator(double[] edges, double[] values) {
      this.edges = edges;
      this.values = values;
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("edges", Params.list(edges));
      p.put("values", Params.list(values));
      this.parameters = Collections.unmodifiableMap(p);
    }

    /** The bin of {@code score}: the largest k with edges[k] &lt;= score, within [0, bins). */
    static int bin(double[] edges, double score) {
      int lo = 0;
      int hi = edges.length - 2; // the last bin
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (edges[mid] <= score) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }

    @Override
    public double apply(double score) {
      if (score != score) {
        return Double.NaN;
      }
      return values[bin(edges, score)];
    }

    @Override
    public String method() {
      return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
      return parameters;
    }

    @Override
    public String toString() {
      return "histogram[bins=" + values.length + "]";
    }
  }
}
