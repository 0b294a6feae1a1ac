package dev.calibration.core.internal.run;

import java.nio.charset.StandardCharsets;

/**
 * Strict decimal parsing shared by the outcome readers and the fast path, so that every path reads
 * the same text as the same double.
 *
 * <p>Accepted: optional surrounding spaces, an optional sign, digits with an optional fraction
 * ({@code 5}, {@code 5.}, {@code .5}, {@code 5.25}) and an optional exponent ({@code 1e-3}). Not
 * accepted: {@code NaN}, {@code Infinity}, hexadecimal, Java suffixes such as {@code 1d}, and
 * anything that overflows to infinity. Rejected text gives {@code NaN}.
 *
 * <p>Most inputs take the exact fast path: at most 15 significant digits and a decimal exponent
 * within 22, where {@code m * 10^e} or {@code m / 10^-e} is correctly rounded in one IEEE operation
 * (both operands are exact doubles). The rest go through {@link Double#parseDouble}, which is
 * correctly rounded too, so both give the same result.
 */
public final class Numbers {
  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private Numbers() {}

  /** Parses a decimal from a string; {@code NaN} when it is not a finite decimal number. */
  public static double parse(String s) {
    int n = s.length();
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c > 127) {
        return Double.NaN;
      }
      b[i] = (byte) c;
    }
    return parse(b, 0, n);
  }

  /**
   * Parses a decimal from {@code buf[from, to)} (ASCII); {@code NaN} when it is not a finite
   * decimal number.
   */
  public static double parse(byte[] buf, int from, int to) {
    while (from < to && buf[from] == ' ') {
      from++;
    }
    while (to > from && buf[to - 1] == ' ') {
      to--;
    }
    int i = from;
    if (i == to) {
      return Double.NaN;
    }
    boolean negative = false;
    if (buf[i] == '-' || buf[i] == '+') {
      negative = buf[i] == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int exp10 = 0;
    int digits = 0;
    boolean dropped = false;
    while (i < to && isDigit(buf[i])) {
      int d = buf[i] - '0';
      if (significant < 18) {
        if (mantissa != 0 || d != 0) {
          mantissa = mantissa * 10 + d;
          significant++;
        }
      } else {
        exp10++;
        dropped |= d != 0;
      }
      digits++;
      i++;
    }
    if (i < to && buf[i] == '.') {
      i++;
      while (i < to && isDigit(buf[i])) {
        int d = buf[i] - '0';
        if (significant < 18) {
          if (mantissa != 0 || d != 0) {
            mantissa = mantissa * 10 + d;
            significant++;
          }
          exp10--;
        } else {
          dropped |= d != 0;
        }
        digits++;
        i++;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    if (i < to && (buf[i] == 'e' || buf[i] == 'E')) {
      i++;
      boolean expNegative = false;
      if (i < to && (buf[i] == '-' || buf[i] == '+')) {
        expNegative = buf[i] == '-';
        i++;
      }
      int expDigits = 0;
      int e = 0;
      while (i < to && isDigit(buf[i])) {
        if (e < 100_000) {
          e = e * 10 + (buf[i] - '0');
        }
        expDigits++;
        i++;
      }
      if (expDigits == 0) {
        return Double.NaN;
      }
      exp10 += expNegative ? -e : e;
    }
    if (i != to) {
      return Double.NaN;
    }
    double value;
    if (mantissa == 0) {
      value = 0;
    } else if (!dropped && significant <= 15 && exp10 >= -22 && exp10 <= 22) {
      value = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
    } else {
      value = Double.parseDouble(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
      return Double.isFinite(value) ? value : Double.NaN;
    }
    if (!Double.isFinite(value)) {
      return Double.NaN;
    }
    return negative ? -value : value;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
