package dev.calibration.core.internal.json;

import dev.calibration.api.Prediction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a {@link Prediction} as one line of the version 1 prediction log, UTF-8, into a reusable
 * byte buffer.
 *
 * <p>Hand-written rather than a Jackson {@code JsonGenerator} because it sits on the host's
 * prediction path: it allocates nothing for ASCII strings, timestamps, and numbers with up to nine
 * decimals (others go through {@link Double#toString(double)}), and walks the maps with {@code
 * forEach} and reused callbacks rather than entry iterators. The fixed parts of a line are
 * copied as bytes, map keys and lineage versions come from a small cache of their encoded bytes,
 * and the date and time to the second are formatted once per second. The output is valid JSON
 * that any parser reads; {@link PredictionDecoder} reads it back to an equal prediction.
 *
 * <p>Not thread-safe: one encoder per thread (the logger keeps one per writer thread). After
 * {@link #encode} the line is in {@link #buffer()} from 0 to {@link #length()}, including the
 * terminating {@code '\n'}.
 */
public final class PredictionEncoder {
  private static final byte[] HEX = bytes("0123456789abcdef");

  // The fixed parts of a line, encoded once.
  private static final byte[] HEAD = bytes("{\"schema\":1,\"id\":");
  private static final byte[] TS = bytes(",\"ts\":\"");
  private static final byte[] MODEL = bytes(",\"model\":");
  private static final byte[] MODEL_VERSION = bytes(",\"model_version\":");
  private static final byte[] CALIBRATION_VERSION = bytes(",\"calibration_version\":");
  private static final byte[] SEGMENT = bytes(",\"segment\":{");
  private static final byte[] VALUES = bytes(",\"values\":");
  private static final byte[] MEMBERS = bytes(",\"members\":{");
  private static final byte[] CONTEXT = bytes(",\"context\":");

  /**
   * Slots of the cache of encoded strings; a power of two. The cache holds map keys and lineage
   * versions, which repeat from record to record, so that each is copied as bytes rather than
   * escaped and encoded char by char.
   */
  private static final int CACHE_SLOTS = 128;

  /** Longest string the cache keeps; longer ones are rarely keys and are cheap to encode anyway. */
  private static final int CACHE_MAX_CHARS = 48;

  private final String[] cachedStrings = new String[CACHE_SLOTS];
  private final byte[][] cachedBytes = new byte[CACHE_SLOTS][];

  // The date and time to the second ("2026-11-23T10:15:00") of the last timestamp written, for
  // records logged within the same second.
  private long cachedSecond = Long.MIN_VALUE;
  private final byte[] secondText = new byte[19];

  private byte[] buf;
  private int len;
  private boolean first; // whether the object being written has no entry yet

  // Reused callbacks, so that walking a map allocates no entry iterator or lambda.
  private final BiConsumer<String, String> stringEntry =
      (k, v) -> {
        comma();
        cachedString(k);
        put((byte) ':');
        string(v);
      };
  private final BiConsumer<String, Double> numberEntry =
      (k, v) -> {
        comma();
        cachedString(k);
        put((byte) ':');
        number(v);
      };
  private final BiConsumer<String, Map<String, Double>> memberEntry =
      (k, v) -> {
        comma();
        cachedString(k);
        put((byte) ':');
        numbers(v);
      };
  private final BiConsumer<Object, Object> treeEntry =
      (k, v) -> {
        comma();
        cachedString((String) k);
        put((byte) ':');
        value(v);
      };

  /** An encoder with a 512-byte buffer that grows as needed. */
  public PredictionEncoder() {
    this.buf = new byte[512];
  }

  /** The buffer holding the last encoded line; valid up to {@link #length()}. */
  public byte[] buffer() {
    return buf;
  }

  /** The length in bytes of the last encoded line, including its {@code '\n'}. */
  public int length() {
    return len;
  }

  /** A copy of the last encoded line. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** Encodes {@code p} exactly as it is. */
  public PredictionEncoder encode(Prediction p) {
    return encode(p, null, null);
  }

  /**
   * Encodes {@code p}, stamping lineage it lacks: {@code modelVersion} is written when the
   * prediction has none, likewise {@code calibrationVersion}. Null stamps write nothing.
   */
  public PredictionEncoder encode(
      Prediction p, @Nullable String modelVersion, @Nullable String calibrationVersion) {
    len = 0;
    raw(HEAD);
    string(p.id());
    raw(TS);
    timestamp(p.timestamp());
    put((byte) '"');
    optional(MODEL, p.model(), null);
    optional(MODEL_VERSION, p.modelVersion(), modelVersion);
    optional(CALIBRATION_VERSION, p.calibrationVersion(), calibrationVersion);
    if (!p.segment().isEmpty()) {
      raw(SEGMENT);
      first = true;
      p.segment().forEach(stringEntry);
      put((byte) '}');
    }
    raw(VALUES);
    numbers(p.values());
    if (!p.members().isEmpty()) {
      raw(MEMBERS);
      first = true;
      p.members().forEach(memberEntry);
      put((byte) '}');
    }
    if (!p.context().isEmpty()) {
      raw(CONTEXT);
      tree(p.context());
    }
    put((byte) '}');
    put((byte) '\n');
    return this;
  }

  private void optional(byte[] key, Optional<String> value, @Nullable String stamp) {
    String v = value.isPresent() ? value.get() : stamp;
    if (v != null) {
      raw(key);
      cachedString(v);
    }
  }

  private void comma() {
    if (!first) {
      put((byte) ',');
    }
    first = false;
  }

  private void numbers(Map<String, Double> values) {
    put((byte) '{');
    first = true;
    values.forEach(numberEntry);
    put((byte) '}');
    first = false;
  }

  private void tree(Map<?, ?> map) {
    put((byte) '{');
    first = true;
    map.forEach(treeEntry);
    put((byte) '}');
    first = false;
  }

  private void value(@Nullable Object v) {
    if (v instanceof String) {
      string((String) v);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      integer(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      number(((Number) v).doubleValue());
    } else if (v instanceof Boolean) {
      ascii((Boolean) v ? "true" : "false");
    } else if (v instanceof Map) {
      tree((Map<?, ?>) v);
    } else if (v instanceof List) {
      List<?> list = (List<?>) v;
      put((byte) '[');
      for (int i = 0, n = list.size(); i < n; i++) {
        if (i > 0) {
          put((byte) ',');
        }
        value(list.get(i));
      }
      put((byte) ']');
      first = false;
    } else if (v instanceof BigInteger || v instanceof BigDecimal) {
      ascii(v.toString());
    } else if (v == null) {
      ascii("null");
    } else {
      // Prediction's constructor admits only the types above.
      throw new IllegalArgumentException("cannot encode a " + v.getClass().getName());
    }
  }

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  /**
   * Writes a finite double so that parsing it gives the same double back.
   *
   * <p>Fast path without allocation: if {@code d == m / 10^k} in double arithmetic for an integer
   * {@code |m| < 2^53} and {@code k <= 9}, then "m with k decimals" parses back to {@code d} (both
   * the division and a correct parser round the same exact rational m/10^k to nearest), and the
   * smallest such k gives the shortest fixed-point text. Other values use {@link
   * Double#toString(double)}.
   */
  private void number(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("cannot encode a non-finite number: " + d);
    }
    if (d == 0) {
      ascii(1 / d < 0 ? "-0.0" : "0.0");
      return;
    }
    double abs = Math.abs(d);
    if (abs < 1e15 && abs >= 1e-9) {
      for (int k = 0; k <= 9; k++) {
        double x = abs * POW10[k];
        long m = Math.round(x);
        // A cheap filter before the division: if m / 10^k rounds to abs, then m lies within
        // 10^k ulp(abs) / 2 of the exact product and x within ulp(x) / 2 of it, together at most
        // 2^-52 x; a k whose x is farther than 2^-50 x from m cannot pass the exact test.
        if (Math.abs(x - m) <= x * 0x1p-50 && m < (1L << 53) && m / POW10[k] == abs) {
          if (d < 0) {
            put((byte) '-');
          }
          fixed(m, k);
          return;
        }
      }
    }
    ascii(Double.toString(d));
  }

  /** 10^i as longs, for counting the digits of a non-negative long with comparisons only. */
  private static final long[] LONG_POW10 = new long[19];

  static {
    LONG_POW10[0] = 1;
    for (int i = 1; i < LONG_POW10.length; i++) {
      LONG_POW10[i] = LONG_POW10[i - 1] * 10;
    }
  }

  /** The number of decimal digits of {@code v >= 0}. */
  private static int digitCount(long v) {
    int n = 1;
    while (n < LONG_POW10.length && v >= LONG_POW10[n]) {
      n++;
    }
    return n;
  }

  /**
   * Writes {@code m / 10^k} with exactly {@code k} decimals (at least one: "45.0"), {@code m >= 0}.
   * Digits are written from the right with divisions by the constant 10 only, which the JIT turns
   * into multiplications, rather than by a variable power of ten.
   */
  private void fixed(long m, int k) {
    int intDigits = Math.max(digitCount(m) - k, 1);
    int total = intDigits + 1 + Math.max(k, 1);
    ensure(total);
    int pos = len + total - 1;
    if (k == 0) {
      buf[pos--] = '0';
    }
    for (int i = 0; i < k; i++) {
      long q = m / 10;
      buf[pos--] = (byte) ('0' + (int) (m - q * 10));
      m = q;
    }
    buf[pos--] = '.';
    do {
      long q = m / 10;
      buf[pos--] = (byte) ('0' + (int) (m - q * 10));
      m = q;
    } while (m != 0);
    len += total;
  }

  private void integer(long v) {
    if (v == Long.MIN_VALUE) {
      ascii("-9223372036854775808");
      return;
    }
    if (v < 0) {
      put((byte) '-');
      v = -v;
    }
    int digits = digitCount(v);
    ensure(digits);
    int pos = len + digits - 1;
    do {
      long q = v / 10;
      buf[pos--] = (byte) ('0' + (int) (v - q * 10));
      v = q;
    } while (v != 0);
    len += digits;
  }

  /**
   * Writes the instant as {@link Instant#toString()} does for years 0 to 9999 (fraction in groups
   * of three digits, none when zero), without allocating.
   */
  private void timestamp(Instant t) {
    long secs = t.getEpochSecond();
    if (secs == cachedSecond) {
      raw(secondText);
    } else if (!dateTime(secs)) {
      ascii(t.toString());
      return;
    }
    ensure(11);
    int nanos = t.getNano();
    if (nanos != 0) {
      buf[len++] = '.';
      if (nanos % 1_000_000 == 0) {
        digits(nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        digits(nanos / 1000, 6);
      } else {
        digits(nanos, 9);
      }
    }
    buf[len++] = 'Z';
  }

  /**
   * Writes the date and time to the second ("2026-11-23T10:15:00") of {@code secs} after the
   * epoch and remembers it for the next timestamp in the same second, or writes nothing and
   * returns false for a year outside 0 to 9999.
   */
  private boolean dateTime(long secs) {
    long days = Math.floorDiv(secs, 86_400L);
    int secOfDay = (int) Math.floorMod(secs, 86_400L);
    // civil_from_days (H. Hinnant, "chrono-compatible low-level date algorithms").
    long z = days + 719_468L;
    long era = (z >= 0 ? z : z - 146_096L) / 146_097L;
    long doe = z - era * 146_097L;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      return false;
    }
    ensure(19);
    int start = len;
    digits((int) year, 4);
    buf[len++] = '-';
    digits(month, 2);
    buf[len++] = '-';
    digits(day, 2);
    buf[len++] = 'T';
    digits(secOfDay / 3600, 2);
    buf[len++] = ':';
    digits(secOfDay / 60 % 60, 2);
    buf[len++] = ':';
    digits(secOfDay % 60, 2);
    System.arraycopy(buf, start, secondText, 0, 19);
    cachedSecond = secs;
    return true;
  }

  private void digits(int v, int width) {
    for (int i = len + width - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += width;
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }

  private void raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  /**
   * Writes a JSON string exactly as {@link #string} does, copying the bytes from the cache when
   * {@code s} equals the string cached in its slot, and caching a short string in an empty slot.
   */
  private void cachedString(String s) {
    int h = s.hashCode();
    int slot = (h ^ (h >>> 16)) & (CACHE_SLOTS - 1);
    String cached = cachedStrings[slot];
    if (cached == s || s.equals(cached)) {
      raw(cachedBytes[slot]);
      return;
    }
    int start = len;
    string(s);
    // First come, first kept: two strings that share a slot never evict each other in turn, so
    // the cache allocates at most once per slot in the encoder's life.
    if (cached == null && s.length() <= CACHE_MAX_CHARS) {
      cachedBytes[slot] = Arrays.copyOfRange(buf, start, len);
      cachedStrings[slot] = s;
    }
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  /** Writes a JSON string: quotes, escapes, UTF-8 (lone surrogates as {@code \\uXXXX}). */
  private void string(String s) {
    int n = s.length();
    ensure(n + 2);
    buf[len++] = '"';
    int i = 0;
    // Fast path: plain ASCII needs no escaping and one byte per char.
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        break;
      }
      buf[len++] = (byte) c;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      ensure(12);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        buf[len++] = (byte) c;
      } else if (c == '"' || c == '\\') {
        buf[len++] = '\\';
        buf[len++] = (byte) c;
      } else if (c < 0x20) {
        escape(c);
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        escape(c); // a lone surrogate has no UTF-8 form; JSON's escape keeps it
      } else {
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    ensure(1);
    buf[len++] = '"';
  }

  private void escape(char c) {
    buf[len++] = '\\';
    switch (c) {
      case '\n' -> buf[len++] = 'n';
      case '\r' -> buf[len++] = 'r';
      case '\t' -> buf[len++] = 't';
      default -> {
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xF];
        buf[len++] = HEX[(c >> 8) & 0xF];
        buf[len++] = HEX[(c >> 4) & 0xF];
        buf[len++] = HEX[c & 0xF];
      }
    }
  }

  private void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
