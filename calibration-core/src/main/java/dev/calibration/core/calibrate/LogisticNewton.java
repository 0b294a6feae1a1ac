package dev.calibration.core.calibrate;

import org.jspecify.annotations.Nullable;

/**
 * Weighted logistic regression with an intercept and one or two features, fitted by Newton's method
 * with backtracking line search, as Lin, Lin and Weng (2007) describe for Platt scaling.
 *
 * <p>The loss is {@code sum_i w_i * (ln(1 + exp(z_i)) - t_i * z_i)} with the linear predictor
 * {@code z_i = c + b1 * x1_i [+ b2 * x2_i]} and targets {@code t_i} in [0, 1] (Platt's smoothed
 * targets or plain 0/1 labels). The function is convex, so the answer is its unique minimum whatever
 * the start; the start only decides how many passes it takes to get there.
 *
 * <p>Speed comes from three things. Each pass over the primitive arrays computes the gradient and
 * the Hessian together (one {@code exp} per point, no boxing). Near the optimum the loss itself (a
 * {@code log} per point) is never computed: a Newton step that changes no linear predictor by more
 * than {@value #SAFE_MOVE} provably decreases the loss (every logistic weight {@code p(1-p)} stays
 * within a factor {@code exp(0.5)} along it), so it is taken without a line search; only larger
 * steps are checked by Lin, Lin and Weng's backtracking on the loss. On large inputs a strided
 * subsample of about 32,768 points is fitted first, which puts the full-data iteration in that
 * region at once: two or three passes finish it. And the features are centred and scaled internally
 * (the answer is mapped back), so raw scores of any magnitude keep the Hessian well conditioned.
 *
 * <p>Convergence: iteration stops when the Newton step would move the linear predictor by less than
 * {@value #TOLERANCE} anywhere on the data; that last step is taken without another pass, and by
 * Newton's quadratic convergence it leaves the predictor within about the square of that (times a
 * modest constant) of the optimum, so well below 1e-9 in probability. It also stops after at most
 * {@value #MAX_ITERATIONS} steps, or when the line search cannot decrease the loss any more.
 */
final class LogisticNewton {
  static final int MAX_ITERATIONS = 100;
  static final double TOLERANCE = 1e-6;
  /** Added to the Hessian diagonal, as Lin, Lin and Weng do, so it is always invertible. */
  private static final double SIGMA = 1e-12;

  private static final double MIN_STEP = 1e-10;
  private static final double ARMIJO = 1e-4;
  /** A Newton step that moves no linear predictor by more than this is taken without a check. */
  private static final double SAFE_MOVE = 0.5;
  private static final int SUBSAMPLE_ABOVE = 131_072;
  private static final int SUBSAMPLE_SIZE = 32_768;

  /** Coefficients in the caller's units, and whether the iteration met the tolerance. */
  record Result(double intercept, double b1, double b2, int iterations, boolean converged) {}

  private final double[] x1;
  private final double @Nullable [] x2;
  private final double[] t;
  private final double[] w;
  private final int n;
  private final int dims;
  // Standardization: xs = (x - mean) * invScale.
  private final double mean1;
  private final double inv1;
  private final double mean2;
  private final double inv2;
  private final double span1;
  private final double span2;

  private LogisticNewton(
      double[] x1,
      double @Nullable [] x2,
      double[] t,
      double[] w,
      double mean1,
      double inv1,
      double mean2,
      double inv2,
      double span1,
      double span2) {
    this.x1 = x1;
    this.x2 = x2;
    this.t = t;
    this.w = w;
    this.n = t.length;
    this.dims = x2 == null ? 2 : 3;
    this.mean1 = mean1;
    this.inv1 = inv1;
    this.mean2 = mean2;
    this.inv2 = inv2;
    this.span1 = span1;
    this.span2 = span2;
  }

  /**
   * Fits {@code z = c + b1 * x1 [+ b2 * x2]}.
   *
   * @param x1 the first feature
   * @param x2 the second feature, or null for a one-feature model
   * @param t targets in [0, 1]
   * @param w non-negative weights
   * @param startIntercept the intercept to start from (coefficients start at zero)
   */
  static Result fit(
      double[] x1, double @Nullable [] x2, double[] t, double[] w, double startIntercept) {
    double[] s1 = standardization(x1);
    double[] s2 = x2 == null ? new double[] {0, 1, 0} : standardization(x2);
    LogisticNewton full =
        new LogisticNewton(x1, x2, t, w, s1[0], s1[1], s2[0], s2[1], s1[2], s2[2]);
    double[] theta = new double[full.dims];
    theta[0] = startIntercept;
    int iterations = 0;
    if (full.n > SUBSAMPLE_ABOVE) {
      LogisticNewton sub = full.subsample();
      iterations += sub.newton(theta).iterations;
    }
    Outcome o = full.newton(theta);
    iterations += o.iterations;
    double b1 = theta[1] * full.inv1;
    double b2 = full.dims == 3 ? theta[2] * full.inv2 : 0.0;
    double c = theta[0] - b1 * full.mean1 - b2 * full.mean2;
    return new Result(c, b1, b2, iterations, o.converged);
  }

  private record Outcome(int iterations, boolean converged) {}

  /**
   * Mean, inverse scale and the largest absolute standardized value of a feature. The centring and
   * scaling only condition the problem, so mean and deviation come from a strided sample of at most
   * about 65,536 points; the largest deviation, which bounds how far a step moves the predictor,
   * comes from the exact minimum and maximum.
   */
  private static double[] standardization(double[] x) {
    int n = x.length;
    if (n == 0) {
      return new double[] {0, 1, 0};
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    int stride = Math.max(1, n / 65_536);
    double sum = 0;
    int count = 0;
    for (int i = 0; i < n; i += stride) {
      sum += x[i];
      count++;
    }
    double mean = sum / count;
    double ss = 0;
    for (int i = 0; i < n; i += stride) {
      double d = x[i] - mean;
      ss += d * d;
    }
    double sd = Math.sqrt(ss / count);
    double maxDev = Math.max(max - mean, mean - min);
    if (!(sd > 0) || !Double.isFinite(1 / sd)) {
      return new double[] {mean, 1.0, maxDev};
    }
    return new double[] {mean, 1 / sd, maxDev / sd};
  }

  private LogisticNewton subsample() {
    int stride = n / SUBSAMPLE_SIZE;
    int m = (n + stride - 1) / stride;
    double[] sx1 = new double[m];
    double[] sx2 = x2 == null ? null : new double[m];
    double[] st = new double[m];
    double[] sw = new double[m];
    for (int k = 0, i = 0; k < m; k++, i += stride) {
      sx1[k] = x1[i];
      if (sx2 != null) {
        sx2[k] = x2[i];
      }
      st[k] = t[i];
      sw[k] = w[i];
    }
    return new LogisticNewton(sx1, sx2, st, sw, mean1, inv1, mean2, inv2, span1, span2);
  }

  /** Runs Newton's method from {@code theta}, updating it in place. */
  private Outcome newton(double[] theta) {
    int packed = dims * (dims + 1) / 2;
    double[] g = new double[dims];
    double[] h = new double[packed];
    double[] cand = new double[dims];
    double[] step = new double[dims];
    gradientAndHessian(theta, g, h);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      solve(h, g, step);
      // move bounds |change of z_i| over the data: |dc| + sum_j |db_j| max_i |xs_ij|.
      double move = Math.abs(step[0]) + Math.abs(step[1]) * span1;
      if (dims == 3) {
        move += Math.abs(step[2]) * span2;
      }
      if (!(move >= TOLERANCE)) {
        if (move == move) {
          for (int j = 0; j < dims; j++) {
            theta[j] += step[j];
          }
        }
        return new Outcome(it, move == move);
      }
      if (move <= SAFE_MOVE) {
        // No z_i moves by more than SAFE_MOVE, so every weight p_i (1 - p_i) along the step stays
        // within a factor exp(SAFE_MOVE) of its value here, and for the Newton step d (with
        // lambda^2 = -g.d = d'(H + sigma I)d) the loss falls by at least
        // lambda^2 (1 - exp(SAFE_MOVE) / 2) > 0: the full step needs no line search and the loss
        // (a log per point) need not be computed.
        for (int j = 0; j < dims; j++) {
          theta[j] += step[j];
        }
        gradientAndHessian(theta, g, h);
        continue;
      }
      // Far from the optimum: backtracking on the loss, as Lin, Lin and Weng.
      double loss = loss(theta);
      double gd = 0;
      for (int j = 0; j < dims; j++) {
        gd += g[j] * step[j];
      }
      double size = 1.0;
      while (true) {
        for (int j = 0; j < dims; j++) {
          cand[j] = theta[j] + size * step[j];
        }
        if (loss(cand) <= loss + ARMIJO * size * gd) {
          System.arraycopy(cand, 0, theta, 0, dims);
          gradientAndHessian(theta, g, h);
          break;
        }
        size /= 2;
        if (size < MIN_STEP) {
          // No decrease is possible in floating point: theta is as good as it gets.
          return new Outcome(it, true);
        }
      }
    }
    return new Outcome(MAX_ITERATIONS, false);
  }

  /** Solves {@code (H + sigma I) step = -g} for the symmetric packed H by Cholesky. */
  private void solve(double[] h, double[] g, double[] step) {
    if (dims == 2) {
      double a = h[0] + SIGMA;
      double b = h[1];
      double d = h[2] + SIGMA;
      double det = a * d - b * b;
      step[0] = -(d * g[0] - b * g[1]) / det;
      step[1] = -(-b * g[0] + a * g[1]) / det;
      return;
    }
    // 3x3: packed order h00 h01 h02 h11 h12 h22.
    double a00 = h[0] + SIGMA;
    double a01 = h[1];
    double a02 = h[2];
    double a11 = h[3] + SIGMA;
    double a12 = h[4];
    double a22 = h[5] + SIGMA;
    double l00 = Math.sqrt(a00);
    double l10 = a01 / l00;
    double l20 = a02 / l00;
    double l11 = Math.sqrt(a11 - l10 * l10);
    double l21 = (a12 - l20 * l10) / l11;
    double l22 = Math.sqrt(a22 - l20 * l20 - l21 * l21);
    double y0 = -g[0] / l00;
    double y1 = (-g[1] - l10 * y0) / l11;
    double y2 = (-g[2] - l20 * y0 - l21 * y1) / l22;
    step[2] = y2 / l22;
    step[1] = (y1 - l21 * step[2]) / l11;
    step[0] = (y0 - l10 * step[1] - l20 * step[2]) / l00;
  }

  /** One pass: the gradient and packed Hessian of the loss at theta (one exp per point). */
  private void gradientAndHessian(double[] theta, double[] g, double[] h) {
    if (dims == 2) {
      gradientAndHessian1(theta, g, h);
    } else {
      gradientAndHessian2(theta, g, h);
    }
  }

  private void gradientAndHessian1(double[] theta, double[] g, double[] h) {
    final double c = theta[0];
    final double b1 = theta[1];
    final double m1 = mean1;
    final double i1 = inv1;
    final double[] xs = x1;
    final double[] ts = t;
    final double[] ws = w;
    double g0 = 0;
    double g1 = 0;
    double h00 = 0;
    double h01 = 0;
    double h11 = 0;
    for (int i = 0; i < n; i++) {
      double a = (xs[i] - m1) * i1;
      double z = c + b1 * a;
      // exp(-z) may overflow to infinity for very negative z, which gives p = 0 exactly.
      double p = 1.0 / (1.0 + Math.exp(-z));
      double wi = ws[i];
      double r = wi * (p - ts[i]);
      double d = wi * p * (1.0 - p);
      g0 += r;
      g1 += r * a;
      h00 += d;
      h01 += d * a;
      h11 += d * a * a;
    }
    g[0] = g0;
    g[1] = g1;
    h[0] = h00;
    h[1] = h01;
    h[2] = h11;
  }

  private void gradientAndHessian2(double[] theta, double[] g, double[] h) {
    final double c = theta[0];
    final double b1 = theta[1];
    final double b2 = theta[2];
    final double m1 = mean1;
    final double i1 = inv1;
    final double m2 = mean2;
    final double i2 = inv2;
    final double[] xs1 = x1;
    final double[] xs2 = x2;
    final double[] ts = t;
    final double[] ws = w;
    double g0 = 0;
    double g1 = 0;
    double g2 = 0;
    double h00 = 0;
    double h01 = 0;
    double h02 = 0;
    double h11 = 0;
    double h12 = 0;
    double h22 = 0;
    for (int i = 0; i < n; i++) {
      double a = (xs1[i] - m1) * i1;
      double b = (xs2[i] - m2) * i2;
      double z = c + b1 * a + b2 * b;
      // exp(-z) may overflow to infinity for very negative z, which gives p = 0 exactly.
      double p = 1.0 / (1.0 + Math.exp(-z));
      double wi = ws[i];
      double r = wi * (p - ts[i]);
      double d = wi * p * (1.0 - p);
      g0 += r;
      g1 += r * a;
      g2 += r * b;
      h00 += d;
      h01 += d * a;
      h02 += d * b;
      h11 += d * a * a;
      h12 += d * a * b;
      h22 += d * b * b;
    }
    g[0] = g0;
    g[1] = g1;
    g[2] = g2;
    h[0] = h00;
    h[1] = h01;
    h[2] = h02;
    h[3] = h11;
    h[4] = h12;
    h[5] = h22;
  }

  /** One pass: the loss at theta (an exp and a log per point); needed only far from the optimum. */
  private double loss(double[] theta) {
    final double c = theta[0];
    final double b1 = theta[1];
    final double b2 = dims == 3 ? theta[2] : 0.0;
    final double[] xs2 = x2;
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double z = c + b1 * ((x1[i] - mean1) * inv1);
      if (xs2 != null) {
        z += b2 * ((xs2[i] - mean2) * inv2);
      }
      double e = Math.exp(-Math.abs(z));
      loss += w[i] * (Math.max(z, 0.0) + Math.log(1.0 + e) - t[i] * z);
    }
    return loss;
  }
}
