package dev.calibration.core.propose;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** Invariants of the exact weight projection, checked on random instances. */
class WeightProjectionProperties {

  /** A random instance: target, current weights, bounds and change limit, plus a seed. */
  record Instance(double[] target, double[] current, double lo, double hi, double r, long seed) {}

  @Provide
  Arbitrary<Instance> instances() {
    Arbitrary<Integer> n = Arbitraries.integers().between(2, 8);
    return Combinators.combine(
            n,
            Arbitraries.doubles().between(0.0, 0.2),
            Arbitraries.doubles().between(0.3, 1.0),
            Arbitraries.doubles().between(0.01, 0.5),
            Arbitraries.longs())
        .as(
            (size, lo, hi, r, seed) -> {
              SplittableRandom rnd = new SplittableRandom(seed);
              return new Instance(
                  simplex(rnd, size), simplex(rnd, size), lo, hi, r, rnd.nextLong());
            });
  }

  private static double[] simplex(SplittableRandom rnd, int n) {
    double[] v = new double[n];
    double s = 0;
    for (int i = 0; i < n; i++) {
      v[i] = 0.05 + rnd.nextDouble();
      s += v[i];
    }
    for (int i = 0; i < n; i++) {
      v[i] /= s;
    }
    return v;
  }

  private static double[][] bounds(Instance in) {
    int n = in.target().length;
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      lo[i] = Math.max(in.lo(), in.current()[i] * (1 - in.r()));
      hi[i] = Math.min(in.hi(), in.current()[i] * (1 + in.r()));
    }
    return new double[][] {lo, hi};
  }

  private static boolean feasible(double[] lo, double[] hi) {
    double sl = 0;
    double sh = 0;
    for (int i = 0; i < lo.length; i++) {
      if (lo[i] > hi[i]) {
        return false;
      }
      sl += lo[i];
      sh += hi[i];
    }
    return sl <= 1 && sh >= 1;
  }

  private static double dist2(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return s;
  }

  @Property(tries = 400)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void project_feasibleInstance_sumsToOneWithinEveryBound(@ForAll("instances") Instance in) {
    double[][] b = bounds(in);
    double[] w = WeightAdjuster.project(in.target(), b[0], b[1]);
    // both branches must be exercised, or the property proves little
    Statistics.label("feasible").collect(feasible(b[0], b[1]));
    Statistics.label("feasible")
        .coverage(c -> {
          c.check(true).percentage(p -> p > 20);
          c.check(false).count(k -> k > 0);
        });
    if (!feasible(b[0], b[1])) {
      assertNull(w, "infeasible set must be reported");
      return;
    }
    assertNotNull(w);
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      assertTrue(w[i] >= b[0][i] && w[i] <= b[1][i], "w[" + i + "]=" + w[i]);
      assertTrue(w[i] >= in.lo() && w[i] <= in.hi(), "w[" + i + "]=" + w[i]);
      assertTrue(Math.abs(w[i] - in.current()[i]) <= in.r() * in.current()[i] + 1e-15);
      sum += w[i];
    }
    assertTrue(Math.abs(sum - 1) <= 1e-12, "sum " + sum);
  }

  /**
   * No feasible point tried is closer to the target. The points tried come from two generators
   * that do not use the projection: random fillings of the box from the lower bounds up (in a
   * random order, to a random share of each member's room), and pairwise transfers of mass away
   * from the result, which keep the sum and stay in the box.
   */
  @Property(tries = 300)
  void project_feasibleInstance_noTriedFeasiblePointIsCloser(@ForAll("instances") Instance in) {
    double[][] b = bounds(in);
    double[] lo = b[0];
    double[] hi = b[1];
    double[] w = WeightAdjuster.project(in.target(), lo, hi);
    if (w == null) {
      return;
    }
    double best = dist2(w, in.target());
    SplittableRandom rnd = new SplittableRandom(in.seed());
    int n = w.length;
    for (int trial = 0; trial < 50; trial++) {
      double[] p = randomFeasible(rnd, lo, hi);
      assertTrue(dist2(p, in.target()) >= best - 1e-12, "closer point found");
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i == j) {
          continue;
        }
        double room = Math.min(w[i] - lo[i], hi[j] - w[j]);
        if (room <= 0) {
          continue;
        }
        double delta = room * rnd.nextDouble();
        double[] p = w.clone();
        p[i] -= delta;
        p[j] += delta;
        assertTrue(dist2(p, in.target()) >= best - 1e-12, "closer point found");
      }
    }
  }

  private static double[] randomFeasible(SplittableRandom rnd, double[] lo, double[] hi) {
    int n = lo.length;
    double[] p = lo.clone();
    double left = 1;
    for (double v : lo) {
      left -= v;
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int k = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[k];
      order[k] = t;
    }
    for (int pass = 0; pass < 2 && left > 0; pass++) {
      for (int idx : order) {
        double add = Math.min(left, (hi[idx] - p[idx]) * (pass == 0 ? rnd.nextDouble() : 1));
        p[idx] += add;
        left -= add;
      }
    }
    return p;
  }
}
