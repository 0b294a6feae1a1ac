package dev.calibration.isotonic;

import dev.calibration.api.Calibrator;
import dev.calibration.isotonic.IsotonicMethod.Interpolation;
import dev.calibration.isotonic.IsotonicMethod.OutOfBounds;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A fitted isotonic map: strictly increasing thresholds {@code x} with values {@code y}, linear
 * between neighbours ({@code numpy.interp}'s formula {@code slope[j] * (v - x[j]) + y[j]}, with
 * {@code y[j]} itself at {@code v == x[j]}), or the value of the last threshold at or below the
 * score with {@link Interpolation#STEP}.
 *
 * <p>Lookup is O(1) on average and allocation-free: a table of {@code K} equal-width buckets over
 * {@code [x[0], x[m-1]]} stores, for each bucket, how many thresholds lie in earlier buckets. The
 * bucket of a score (one subtract, one multiply) then bounds the threshold index to the thresholds
 * in that bucket, which are scanned (or binary searched when there are many). Because the bucket
 * function is monotone in floating point, the bounds are exact, so the answer is the same as a
 * binary search's. The table is derived from the thresholds and not part of the parameters.
 *
 * <p>Immutable and thread-safe.
 */
final class IsotonicCalibrator implements Calibrator {
  private static final int MAX_BUCKETS = 1 << 16;
  private static final int SCAN_LIMIT = 8;

  private final double[] x;
  private final double[] y;
  private final double[] slope;
  private final double xMin;
  private final double xMax;
  private final int last;
  private final OutOfBounds outOfBounds;
  private final boolean step;
  private final int buckets;
  private final double scale;
  /** before[b]: the number of thresholds whose bucket is below b; length buckets + 1. */
  private final int[] before;

  private final Map<String, Object> parameters;

  IsotonicCalibrator(double[] x, double[] y, OutOfBounds outOfBounds, Interpolation interpolation) {
    this.x = x;
    this.y = y;
    this.last = x.length - 1;
    this.xMin = x[0];
    this.xMax = x[last];
    this.outOfBounds = outOfBounds;
    this.step = interpolation == Interpolation.STEP;
    this.slope = new double[Math.max(0, last)];
    for (int j = 0; j < last; j++) {
      slope[j] = (y[j + 1] - y[j]) / (x[j + 1] - x[j]);
    }
    int k = Math.min(MAX_BUCKETS, Integer.highestOneBit(Math.max(1, x.length)) * 4);
    double s = last == 0 ? 0 : k / (xMax - xMin);
    if (!Double.isFinite(s)) {
      k = 1;
      s = 0;
    }
    this.buckets = k;
    this.scale = s;
    this.before = new int[k + 1];
    for (double v : x) {
      before[bucket(v) + 1]++;
    }
    for (int b = 0; b < k; b++) {
      before[b + 1] += before[b];
    }

    Map<String, Object> p = new LinkedHashMap<>();
    p.put("x", Params.list(x));
    p.put("y", Params.list(y));
    p.put("out_of_bounds", outOfBounds.name().toLowerCase(Locale.ROOT));
    p.put("interpolation", interpolation.name().toLowerCase(Locale.ROOT));
    this.parameters = Collections.unmodifiableMap(p);
  }

  private int bucket(double v) {
    return Math.min((int) ((v - xMin) * scale), buckets - 1);
  }

  @Override
  public double apply(double score) {
    double v = score;
    if (!(v >= xMin && v <= xMax)) {
      if (v != v) {
        return Double.NaN;
      }
      switch (outOfBounds) {
        case NAN:
          return Double.NaN;
        case RAISE:
          throw new IllegalArgumentException(
              "CAL-METHOD-006 isotonic score "
                  + score
                  + " is outside the fitted range ["
                  + xMin
                  + ", "
                  + xMax
                  + "] and out_of_bounds is raise");
        default:
          v = v < xMin ? xMin : xMax;
      }
    }
    int b = bucket(v);
    int lo = Math.max(before[b] - 1, 0);
    int hi = before[b + 1] - 1;
    // The answer j, the last threshold <= v, lies in [lo, hi].
    if (hi - lo <= SCAN_LIMIT) {
      while (lo < hi && x[lo + 1] <= v) {
        lo++;
      }
    } else {
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (x[mid] <= v) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
    }
    if (lo >= last || step) {
      return y[lo];
    }
    double xj = x[lo];
    if (v == xj) {
      return y[lo];
    }
    return slope[lo] * (v - xj) + y[lo];
  }

  @Override
  public String method() {
    return IsotonicMethod.NAME;
  }

  @Override
  public Map<String, Object> parameters() {
    return parameters;
  }

  /** The number of kept thresholds. */
  int size() {
    return x.length;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "isotonic[thresholds=%d, range=[%s, %s], out_of_bounds=%s%s]",
        x.length,
        xMin,
        xMax,
        outOfBounds.name().toLowerCase(Locale.ROOT),
        step ? ", step" : "");
  }
}
