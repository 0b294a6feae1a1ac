package dev.calibration.isotonic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.Calibrator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of isotonic fitting on generated data, and agreement with a deliberately naive
 * reference written from scikit-learn's definitions (sort, pool ties, stack-based PAV, keep run
 * ends, interpolate), sharing no code with the implementation.
 */
class IsotonicProperties {
  private static final IsotonicMethod METHOD = new IsotonicMethod();

  /** Scores drawn from few values (heavy ties), labels in [0, 1], weights including zeros. */
  @Provide
  Arbitrary<CalibrationData> data() {
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 60);
    return size.flatMap(
        n -> {
          Arbitrary<double[]> scores =
              Arbitraries.integers().between(0, 12).map(k -> k / 8.0).array(double[].class).ofSize(n);
          Arbitrary<double[]> labels =
              Arbitraries.of(0.0, 0.25, 0.5, 1.0).array(double[].class).ofSize(n);
          Arbitrary<double[]> weights =
              Arbitraries.of(0.0, 0.5, 1.0, 1.0, 2.0, 3.0).array(double[].class).ofSize(n);
          return Combinators.combine(scores, labels, weights)
              .as(
                  (s, y, w) -> {
                    if (Arrays.stream(w).allMatch(v -> v == 0)) {
                      w[0] = 1.0;
                    }
                    return CalibrationData.of(s, y, w);
                  });
        });
  }

  @Property(tries = 300)
  void fit_anyData_isMonotoneAndWithinTheLabelRange(@ForAll("data") CalibrationData d) {
    Calibrator c = METHOD.fit(d);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < d.size(); i++) {
      if (d.weight(i) > 0) {
        lo = Math.min(lo, d.label(i));
        hi = Math.max(hi, d.label(i));
      }
    }
    double prev = Double.NEGATIVE_INFINITY;
    for (double v = -0.5; v <= 2.0; v += 1.0 / 64) {
      double out = c.apply(v);
      assertTrue(out >= prev - 1e-15, "decreases at " + v);
      assertTrue(out >= lo - 1e-15 && out <= hi + 1e-15, out + " outside [" + lo + ", " + hi + "]");
      prev = out;
    }
  }

  @Property(tries = 300)
  void fit_anyData_agreesWithNaiveReference(@ForAll("data") CalibrationData d) {
    Calibrator c = METHOD.fit(d);
    Reference ref = Reference.fit(d);
    for (double v = -0.5; v <= 2.0; v += 1.0 / 64) {
      assertEquals(ref.apply(v), c.apply(v), 1e-12, "at " + v);
    }
  }

  @Property(tries = 200)
  void fit_unweightedData_agreesWithNaiveReference(@ForAll("data") CalibrationData weighted) {
    // Unweighted data take a different path (labels carried through the sort).
    CalibrationData d = CalibrationData.of(weighted.scores(), weighted.labels());
    Calibrator c = METHOD.fit(d);
    Reference ref = Reference.fit(d);
    for (double v = -0.5; v <= 2.0; v += 1.0 / 64) {
      assertEquals(ref.apply(v), c.apply(v), 1e-12, "at " + v);
    }
  }

  @Property(tries = 200)
  void fit_shuffledInput_givesTheSameMap(
      @ForAll("data") CalibrationData d, @ForAll long seed) {
    int n = d.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    List<Integer> perm = new ArrayList<>(Arrays.asList(order));
    java.util.Collections.shuffle(perm, new Random(seed));
    double[] s = new double[n];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      int j = perm.get(i);
      s[i] = d.score(j);
      y[i] = d.label(j);
      w[i] = d.weight(j);
    }
    Calibrator a = METHOD.fit(d);
    Calibrator b = METHOD.fit(CalibrationData.of(s, y, w));
    for (double v = -0.5; v <= 2.0; v += 1.0 / 64) {
      assertEquals(a.apply(v), b.apply(v), 1e-12, "at " + v);
    }
  }

  @Property(tries = 200)
  void fit_alreadyIsotonicData_returnsItUnchanged(
      @ForAll @IntRange(min = 1, max = 50) int n, @ForAll long seed) {
    Random r = new Random(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    double xs = 0;
    double ys = 0;
    for (int i = 0; i < n; i++) {
      xs += 0.01 + r.nextDouble();
      ys += r.nextInt(3) == 0 ? 0 : r.nextDouble();
      x[i] = xs;
      y[i] = ys;
    }
    Calibrator c = METHOD.fit(CalibrationData.of(x, y));
    for (int i = 0; i < n; i++) {
      // Equal neighbours are pooled (as scikit-learn does), which may round the last bit.
      assertEquals(y[i], c.apply(x[i]), 1e-12 * Math.max(1, y[i]), "at x[" + i + "]");
    }
  }

  @Property(tries = 100)
  void apply_bucketLookup_matchesBinarySearchInterpolation(
      @ForAll @IntRange(min = 1, max = 3000) int m, @ForAll long seed) {
    // Thresholds clustered near 0 (squares of uniforms), so some buckets hold many of them.
    Random r = new Random(seed);
    double[] x = new double[m];
    for (int i = 0; i < m; i++) {
      double u = r.nextDouble();
      x[i] = u * u * u;
    }
    Arrays.sort(x);
    double[] ux = Arrays.stream(x).distinct().toArray();
    double[] y = new double[ux.length];
    for (int i = 1; i < y.length; i++) {
      y[i] = y[i - 1] + r.nextDouble();
    }
    Calibrator c =
        METHOD.restore(java.util.Map.of("x", Params.list(ux), "y", Params.list(y)));
    for (int k = 0; k < 2000; k++) {
      double v = k % 3 == 0 ? ux[r.nextInt(ux.length)] : -0.1 + 1.2 * r.nextDouble();
      assertEquals(interp(ux, y, v), c.apply(v), 0.0, "at " + v);
    }
  }

  /** numpy.interp with clipping, by binary search. */
  static double interp(double[] x, double[] y, double v) {
    if (v <= x[0]) {
      return y[0];
    }
    if (v >= x[x.length - 1]) {
      return y[x.length - 1];
    }
    int j = Arrays.binarySearch(x, v);
    if (j >= 0) {
      return y[j];
    }
    j = -j - 2;
    double slope = (y[j + 1] - y[j]) / (x[j + 1] - x[j]);
    return slope * (v - x[j]) + y[j];
  }

  @Property(tries = 100)
  void radixSort_anyDoubles_sortsLikeArraysSort(@ForAll("doubles") double[] values) {
    int n = values.length;
    long[] keys = new long[n];
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = RadixSort.key(values[i]);
      idx[i] = i;
    }
    RadixSort.Sorted s = RadixSort.sort(keys, idx, n);
    double[] expected = values.clone();
    Arrays.sort(expected);
    for (int i = 0; i < n; i++) {
      double v = RadixSort.value(s.keys()[i]);
      assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(v), "at " + i);
      assertEquals(Double.doubleToLongBits(values[s.payload()[i]]), Double.doubleToLongBits(v));
    }
    long[] pairs = new long[2 * n];
    for (int i = 0; i < n; i++) {
      pairs[2 * i] = RadixSort.key(values[i]);
      pairs[2 * i + 1] = i;
    }
    long[] sorted = RadixSort.sortPairs(pairs, n);
    for (int i = 0; i < n; i++) {
      double v = RadixSort.value(sorted[2 * i]);
      assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(v), "pair " + i);
      assertEquals(
          Double.doubleToLongBits(values[(int) sorted[2 * i + 1]]), Double.doubleToLongBits(v));
    }
  }

  @Provide
  Arbitrary<double[]> doubles() {
    return Arbitraries.oneOf(
            Arbitraries.doubles(),
            Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, 1e-300, 0.5, 1.0),
            Arbitraries.doubles().between(0, 1))
        .array(double[].class)
        .ofMaxSize(300);
  }

  /** The naive reference: O(n^2) where that is simplest. */
  static final class Reference {
    final double[] x;
    final double[] y;

    Reference(double[] x, double[] y) {
      this.x = x;
      this.y = y;
    }

    static Reference fit(CalibrationData d) {
      List<double[]> pts = new ArrayList<>(); // {x, y, w}
      for (int i = 0; i < d.size(); i++) {
        if (d.weight(i) > 0) {
          pts.add(new double[] {d.score(i), d.label(i), d.weight(i)});
        }
      }
      pts.sort((a, b) -> Double.compare(a[0], b[0]));
      // Pool exact ties (the generated scores are multiples of 1/8, so no near ties).
      List<double[]> u = new ArrayList<>();
      for (double[] p : pts) {
        double[] lastPoint = u.isEmpty() ? null : u.get(u.size() - 1);
        if (lastPoint != null && lastPoint[0] == p[0]) {
          lastPoint[1] += p[1] * p[2];
          lastPoint[2] += p[2];
        } else {
          u.add(new double[] {p[0], p[1] * p[2], p[2]});
        }
      }
      // Blocks: {sumWy, sumW, count}; merge while the previous mean >= the new mean.
      List<double[]> blocks = new ArrayList<>();
      for (double[] p : u) {
        blocks.add(new double[] {p[1], p[2], 1});
        while (blocks.size() > 1) {
          double[] b = blocks.get(blocks.size() - 1);
          double[] a = blocks.get(blocks.size() - 2);
          if (a[0] / a[1] >= b[0] / b[1]) {
            a[0] += b[0];
            a[1] += b[1];
            a[2] += b[2];
            blocks.remove(blocks.size() - 1);
          } else {
            break;
          }
        }
      }
      double[] fx = new double[u.size()];
      double[] fy = new double[u.size()];
      int k = 0;
      for (double[] b : blocks) {
        for (int i = 0; i < b[2]; i++) {
          fx[k] = u.get(k)[0];
          fy[k] = b[0] / b[1];
          k++;
        }
      }
      return new Reference(fx, fy);
    }

    double apply(double v) {
      return interp(x, y, v);
    }
  }
}
