package dev.calibration.core.propose;

/** Loss functions on primitive arrays, for holdout evaluation. Package-private. */
final class Losses {
  private Losses() {}

  static double brier(double[] p, double[] y, int from, int to) {
    if (to <= from) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = from; i < to; i++) {
      double d = p[i] - y[i];
      s += d * d;
    }
    return s / (to - from);
  }

  static double logLoss(double[] p, double[] y, int from, int to) {
    if (to <= from) {
      return Double.NaN;
    }
    double eps = 1e-15;
    double s = 0;
    for (int i = from; i < to; i++) {
      double q = Math.min(1 - eps, Math.max(eps, p[i]));
      s -= y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q);
    }
    return s / (to - from);
  }

  /** ECE with ten equal-width bins over [0, 1]. */
  static double ece(double[] p, double[] y, int from, int to) {
    if (to <= from) {
      return Double.NaN;
    }
    int bins = 10;
    double[] n = new double[bins];
    double[] sp = new double[bins];
    double[] sy = new double[bins];
    for (int i = from; i < to; i++) {
      int b = Math.min(bins - 1, (int) Math.floor(Math.min(1, Math.max(0, p[i])) * bins));
      n[b]++;
      sp[b] += p[i];
      sy[b] += y[i];
    }
    double total = to - from;
    double e = 0;
    for (int b = 0; b < bins; b++) {
      if (n[b] > 0) {
        e += n[b] / total * Math.abs(sp[b] / n[b] - sy[b] / n[b]);
      }
    }
    return e;
  }

  static double mae(double[] p, double[] y, int from, int to) {
    if (to <= from) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = from; i < to; i++) {
      s += Math.abs(p[i] - y[i]);
    }
    return s / (to - from);
  }

  static double rmse(double[] p, double[] y, int from, int to) {
    return Math.sqrt(brier(p, y, from, to));
  }

  /** Mean of predicted minus observed. */
  static double bias(double[] p, double[] y, int from, int to) {
    if (to <= from) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = from; i < to; i++) {
      s += p[i] - y[i];
    }
    return s / (to - from);
  }
}
