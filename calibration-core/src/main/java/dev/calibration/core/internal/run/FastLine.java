package dev.calibration.core.internal.run;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The byte-level scanner of one prediction line in the standard log format. It validates the whole
 * line as JSON (skipping {@code context} and every other field it does not need without building
 * anything) and pulls only the id, timestamp, segment keys, mapped targets, their members, model
 * version and calibration version into the batch.
 *
 * <p>It declines (returns false, leaving the batch untouched) whatever it does not handle exactly
 * like the Jackson tree reader: a backslash escape in a string it needs, a timestamp not of the
 * form {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, a type it does not expect, a bad line. {@link
 * TreeLine} then reads that line, so both give the same row or the same problem.
 *
 * <p>Concurrency: one instance per block, confined to the parsing thread.
 */
final class FastLine {
  private static final byte[] ID = bytes("id");
  private static final byte[] TS = bytes("ts");
  private static final byte[] SEGMENT = bytes("segment");
  private static final byte[] VALUES = bytes("values");
  private static final byte[] MEMBERS = bytes("members");
  private static final byte[] MODEL_VERSION = bytes("model_version");
  private static final byte[] CALIBRATION_VERSION = bytes("calibration_version");
  private static final int MAX_MEMBERS = 32;
  private static final int MAX_DEPTH = 64;
  /** Days per month in a common year (a table read per line, not an array built per line). */
  private static final int[] MONTH_DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private final RunSpec spec;
  private final byte[][] targetKeys;
  private final byte[][] segmentKeys;
  private final ByteCache segCache = new ByteCache();
  private final ByteCache mvCache = new ByteCache();
  private final ByteCache cvCache = new ByteCache();
  private final ByteCache[] memberCache;

  // the line being scanned
  private byte[] buf = new byte[0];
  private int p;
  private int end;
  private int strStart;
  private int strEnd;
  // extracted fields
  private int idStart;
  private int idEnd;
  private long ts;
  private boolean hasTs;
  private final int[] segStart;
  private final int[] segEnd;
  private int mvStart;
  private int mvEnd;
  private int cvStart;
  private int cvEnd;
  private final double[] values;
  private final int[] memberCount;
  private final int[][] memberNameStart;
  private final int[][] memberNameEnd;
  private final double[][] memberValue;
  private byte[] scratch = new byte[256];

  FastLine(RunSpec spec) {
    this.spec = spec;
    int t = spec.targets.length;
    targetKeys = new byte[t][];
    for (int i = 0; i < t; i++) {
      targetKeys[i] = bytes(spec.targets[i]);
    }
    segmentKeys = new byte[spec.segmentBy.length][];
    for (int i = 0; i < segmentKeys.length; i++) {
      segmentKeys[i] = bytes(spec.segmentBy[i]);
    }
    segStart = new int[segmentKeys.length];
    segEnd = new int[segmentKeys.length];
    values = new double[t];
    memberCount = new int[t];
    memberNameStart = new int[t][MAX_MEMBERS];
    memberNameEnd = new int[t][MAX_MEMBERS];
    memberValue = new double[t][MAX_MEMBERS];
    memberCache = new ByteCache[t];
    for (int i = 0; i < t; i++) {
      memberCache[i] = new ByteCache();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Scans the line starting at {@code from} in buf[from, limit) into the batch, finding its end on
   * the way (no separate newline search): returns the index of the line's '\n' (or limit), or -1
   * (batch untouched) when the line is declined. The grammar never consumes a '\n' (whitespace
   * here excludes it and strings refuse control bytes), so the scan stops inside the line.
   */
  int parseLine(byte[] block, int from, int limit, PredictionBatch b) {
    if (!scan(block, from, limit) || (p < end && buf[p] != '\n')) {
      return -1;
    }
    int lineEnd = p;
    if (idStart < 0 || !hasTs || blank(idStart, idEnd)) {
      return -1;
    }
    write(b);
    return lineEnd;
  }

  /** Scans buf[from, to) into the batch; false (batch untouched) when the line is declined. */
  boolean parse(byte[] line, int from, int to, PredictionBatch b) {
    if (!scan(line, from, to) || p != end) {
      return false;
    }
    if (idStart < 0 || !hasTs || blank(idStart, idEnd)) {
      return false;
    }
    write(b);
    return true;
  }

  /** The object and the whitespace after it; p stops at the first byte that is neither. */
  private boolean scan(byte[] line, int from, int to) {
    this.buf = line;
    this.p = from;
    this.end = to;
    idStart = -1;
    hasTs = false;
    Arrays.fill(segStart, -1);
    mvStart = -1;
    cvStart = -1;
    Arrays.fill(values, Double.NaN);
    Arrays.fill(memberCount, 0);
    return object(true) && ws();
  }

  private void write(PredictionBatch b) {
    b.ensure();
    int i = b.n;
    b.appendId(buf, idStart, idEnd - idStart);
    b.ts[i] = ts;
    b.seg[i] = segmentLabel(b);
    b.mv[i] = versionLabel(b, b.mvLabels, mvCache, mvStart, mvEnd);
    b.cv[i] = versionLabel(b, b.cvLabels, cvCache, cvStart, cvEnd);
    for (int t = 0; t < values.length; t++) {
      b.values[t][i] = values[t];
      for (int m = 0; m < memberCount[t]; m++) {
        int s = memberNameStart[t][m];
        int e = memberNameEnd[t][m];
        int col = memberCache[t].get(buf, s, e);
        if (col < 0) {
          String name = new String(buf, s, e - s, StandardCharsets.UTF_8);
          b.member(t, name);
          col = b.memberNames.get(t).indexOf(name);
          memberCache[t].put(buf, s, e, col);
        }
        b.memberValues.get(t).get(col)[i] = memberValue[t][m];
      }
    }
    b.n++;
  }

  private int segmentLabel(PredictionBatch b) {
    int len = 0;
    for (int k = 0; k < segStart.length; k++) {
      int n = segStart[k] < 0 ? 1 : segEnd[k] - segStart[k] + 1;
      if (len + n > scratch.length) {
        scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, len + n));
      }
      if (segStart[k] < 0) {
        scratch[len++] = 1;
      } else {
        System.arraycopy(buf, segStart[k], scratch, len, segEnd[k] - segStart[k]);
        len += segEnd[k] - segStart[k];
        scratch[len++] = 0;
      }
    }
    int idx = segCache.get(scratch, 0, len);
    if (idx >= 0) {
      return idx;
    }
    String[] vals = new String[segStart.length];
    for (int k = 0; k < vals.length; k++) {
      vals[k] =
          segStart[k] < 0
              ? null
              : new String(buf, segStart[k], segEnd[k] - segStart[k], StandardCharsets.UTF_8);
    }
    idx = PredictionBatch.label(b.segLabels, spec.segmentLabel(vals));
    segCache.put(scratch, 0, len, idx);
    return idx;
  }

  private int versionLabel(
      PredictionBatch b, List<String> labels, ByteCache cache, int s, int e) {
    byte[] key = s < 0 ? ByteCache.ABSENT : null;
    int idx = key != null ? cache.get(key, 0, 1) : cache.get(buf, s, e);
    if (idx >= 0) {
      return idx;
    }
    String label = s < 0 ? JoinOutput.NONE : new String(buf, s, e - s, StandardCharsets.UTF_8);
    idx = PredictionBatch.label(labels, label);
    if (key != null) {
      cache.put(key, 0, 1, idx);
    } else {
      cache.put(buf, s, e, idx);
    }
    return idx;
  }

  // ------------------------------------------------------------------ grammar

  /**
   * Whitespace within a line (space, tab, CR: a '\n' ends the line and is never inside one); always
   * true (for chaining).
   */
  private boolean ws() {
    while (p < end) {
      byte c = buf[p];
      if (c != ' ' && c != '\t' && c != '\r') {
        break;
      }
      p++;
    }
    return true;
  }

  /** The top-level object (top = true) with its known fields. */
  private boolean object(boolean top) {
    ws();
    if (p >= end || buf[p] != '{') {
      return false;
    }
    p++;
    ws();
    if (p < end && buf[p] == '}') {
      p++;
      return true;
    }
    while (true) {
      ws();
      if (!string(false)) {
        return false;
      }
      int ks = strStart;
      int ke = strEnd;
      ws();
      if (p >= end || buf[p] != ':') {
        return false;
      }
      p++;
      ws();
      if (!(top ? field(ks, ke) : skipValue(0))) {
        return false;
      }
      ws();
      if (p >= end) {
        return false;
      }
      if (buf[p] == ',') {
        p++;
        continue;
      }
      if (buf[p] == '}') {
        p++;
        return true;
      }
      return false;
    }
  }

  private boolean field(int ks, int ke) {
    if (eq(ks, ke, ID)) {
      if (!string(true)) {
        return false;
      }
      idStart = strStart;
      idEnd = strEnd;
      return true;
    }
    if (eq(ks, ke, TS)) {
      if (!string(true) || !timestamp(strStart, strEnd)) {
        return false;
      }
      hasTs = true;
      return true;
    }
    if (eq(ks, ke, MODEL_VERSION) || eq(ks, ke, CALIBRATION_VERSION)) {
      boolean model = eq(ks, ke, MODEL_VERSION);
      int s = -1;
      int e = -1;
      if (!isNull()) {
        if (!string(true)) {
          return false;
        }
        s = strStart;
        e = strEnd;
      }
      if (model) {
        mvStart = s;
        mvEnd = e;
      } else {
        cvStart = s;
        cvEnd = e;
      }
      return true;
    }
    if (eq(ks, ke, SEGMENT)) {
      Arrays.fill(segStart, -1);
      return isNull() || pairs(0);
    }
    if (eq(ks, ke, VALUES)) {
      Arrays.fill(values, Double.NaN);
      return isNull() || pairs(1);
    }
    if (eq(ks, ke, MEMBERS)) {
      Arrays.fill(memberCount, 0);
      return isNull() || pairs(2);
    }
    return skipValue(0);
  }

  /** Consumes a JSON null if present. */
  private boolean isNull() {
    if (p + 4 <= end && buf[p] == 'n' && buf[p + 1] == 'u' && buf[p + 2] == 'l' && buf[p + 3] == 'l') {
      p += 4;
      return true;
    }
    return false;
  }

  /**
   * An object of the segment (kind 0), values (1) or members (2) field: known keys are extracted,
   * the others skipped.
   */
  private boolean pairs(int kind) {
    if (p >= end || buf[p] != '{') {
      return false;
    }
    p++;
    ws();
    if (p < end && buf[p] == '}') {
      p++;
      return true;
    }
    while (true) {
      ws();
      if (!string(true)) {
        return false; // an escaped key could be a wanted one: let the tree reader decide
      }
      int ks = strStart;
      int ke = strEnd;
      ws();
      if (p >= end || buf[p] != ':') {
        return false;
      }
      p++;
      ws();
      int which = kind == 0 ? index(segmentKeys, ks, ke) : index(targetKeys, ks, ke);
      if (which < 0) {
        if (!skipValue(1)) {
          return false;
        }
      } else if (kind == 0) {
        if (isNull()) {
          segStart[which] = -1;
        } else if (string(true)) {
          segStart[which] = strStart;
          segEnd[which] = strEnd;
        } else {
          return false;
        }
      } else if (kind == 1) {
        if (isNull()) {
          values[which] = Double.NaN;
        } else {
          double v = number();
          if (Double.isNaN(v)) {
            return false;
          }
          values[which] = v;
        }
      } else {
        memberCount[which] = 0;
        if (!isNull() && !members(which)) {
          return false;
        }
      }
      ws();
      if (p >= end) {
        return false;
      }
      if (buf[p] == ',') {
        p++;
        continue;
      }
      if (buf[p] == '}') {
        p++;
        return true;
      }
      return false;
    }
  }

  private boolean members(int t) {
    if (p >= end || buf[p] != '{') {
      return false;
    }
    p++;
    ws();
    if (p < end && buf[p] == '}') {
      p++;
      return true;
    }
    while (true) {
      ws();
      if (!string(true)) {
        return false;
      }
      int ks = strStart;
      int ke = strEnd;
      ws();
      if (p >= end || buf[p] != ':') {
        return false;
      }
      p++;
      ws();
      if (!isNull()) {
        double v = number();
        if (Double.isNaN(v)) {
          return false;
        }
        int m = memberCount[t];
        for (int k = 0; k < m; k++) { // a repeated member name: the later value wins
          if (ByteCache.same(buf, memberNameStart[t][k], memberNameEnd[t][k], buf, ks, ke)) {
            return false;
          }
        }
        if (m == MAX_MEMBERS) {
          return false;
        }
        memberNameStart[t][m] = ks;
        memberNameEnd[t][m] = ke;
        memberValue[t][m] = v;
        memberCount[t] = m + 1;
      }
      ws();
      if (p >= end) {
        return false;
      }
      if (buf[p] == ',') {
        p++;
        continue;
      }
      if (buf[p] == '}') {
        p++;
        return true;
      }
      return false;
    }
  }

  /**
   * A string at p; sets strStart/strEnd to its content. With {@code plain}, declines one holding a
   * backslash escape (its bytes are not its value) or a control character.
   */
  private boolean string(boolean plain) {
    if (p >= end || buf[p] != '"') {
      return false;
    }
    int i = p + 1;
    while (i < end) {
      i = Swar.stringStop(buf, i, end);
      if (i >= end) {
        return false;
      }
      byte c = buf[i];
      if (c == '"') {
        strStart = p + 1;
        strEnd = i;
        p = i + 1;
        return true;
      }
      if (c == '\\') {
        if (plain) {
          return false;
        }
        if (i + 1 >= end) {
          return false;
        }
        byte e = buf[i + 1];
        if (e == 'u') {
          if (i + 5 >= end) {
            return false;
          }
          for (int k = 2; k <= 5; k++) {
            if (Character.digit(buf[i + k], 16) < 0) {
              return false;
            }
          }
          i += 6;
          continue;
        }
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
          return false;
        }
        i += 2;
        continue;
      }
      if (c >= 0 && c < 0x20) {
        return false;
      }
      i++;
    }
    return false;
  }

  /** Skips any JSON value, validating it. */
  private boolean skipValue(int depth) {
    if (p >= end || depth > MAX_DEPTH) {
      return false;
    }
    byte c = buf[p];
    if (c == '"') {
      return string(false);
    }
    if (c == '{' || c == '[') {
      boolean obj = c == '{';
      byte close = obj ? (byte) '}' : (byte) ']';
      p++;
      ws();
      if (p < end && buf[p] == close) {
        p++;
        return true;
      }
      while (true) {
        ws();
        if (obj) {
          if (!string(false)) {
            return false;
          }
          ws();
          if (p >= end || buf[p] != ':') {
            return false;
          }
          p++;
          ws();
        }
        if (!skipValue(depth + 1)) {
          return false;
        }
        ws();
        if (p >= end) {
          return false;
        }
        if (buf[p] == ',') {
          p++;
          continue;
        }
        if (buf[p] == close) {
          p++;
          return true;
        }
        return false;
      }
    }
    if (literal("true") || literal("false") || literal("null")) {
      return true;
    }
    return numberEnd() > 0;
  }

  private boolean literal(String word) {
    int n = word.length();
    if (p + n > end) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (buf[p + k] != word.charAt(k)) {
        return false;
      }
    }
    p += n;
    return true;
  }

  /** A JSON number at p, consumed: its value, or NaN when it is not strict JSON. */
  private double number() {
    int s = p;
    int e = numberEnd();
    if (e < 0) {
      return Double.NaN;
    }
    return Numbers.parse(buf, s, e);
  }

  /** Consumes a strict JSON number; returns its end, or -1. */
  private int numberEnd() {
    int i = p;
    if (i < end && buf[i] == '-') {
      i++;
    }
    if (i >= end) {
      return -1;
    }
    if (buf[i] == '0') {
      i++;
    } else if (buf[i] >= '1' && buf[i] <= '9') {
      while (i < end && buf[i] >= '0' && buf[i] <= '9') {
        i++;
      }
    } else {
      return -1;
    }
    if (i < end && buf[i] == '.') {
      i++;
      int d = i;
      while (i < end && buf[i] >= '0' && buf[i] <= '9') {
        i++;
      }
      if (i == d) {
        return -1;
      }
    }
    if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
      i++;
      if (i < end && (buf[i] == '+' || buf[i] == '-')) {
        i++;
      }
      int d = i;
      while (i < end && buf[i] >= '0' && buf[i] <= '9') {
        i++;
      }
      if (i == d) {
        return -1;
      }
    }
    p = i;
    return i;
  }

  /** Parses YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z into {@link #ts}; false for anything else. */
  private boolean timestamp(int s, int e) {
    int n = e - s;
    if (n < 20 || buf[e - 1] != 'Z') {
      return false;
    }
    if (buf[s + 4] != '-' || buf[s + 7] != '-' || buf[s + 10] != 'T' || buf[s + 13] != ':' || buf[s + 16] != ':') {
      return false;
    }
    int year = digits(s, 4);
    int month = digits(s + 5, 2);
    int day = digits(s + 8, 2);
    int hour = digits(s + 11, 2);
    int minute = digits(s + 14, 2);
    int second = digits(s + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59) {
      return false;
    }
    boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > MONTH_DAYS[month - 1] + (month == 2 && leap ? 1 : 0)) {
      return false;
    }
    int millis = 0;
    int i = s + 19;
    if (i < e - 1) {
      if (buf[i] != '.') {
        return false;
      }
      i++;
      int fd = 0;
      while (i < e - 1) {
        byte c = buf[i];
        if (c < '0' || c > '9') {
          return false;
        }
        if (fd < 3) {
          millis = millis * 10 + (c - '0');
        }
        fd++;
        i++;
      }
      if (fd == 0 || fd > 9) {
        return false;
      }
      for (int k = Math.min(fd, 3); k < 3; k++) {
        millis *= 10;
      }
    }
    long days = daysFromCivil(year, month, day);
    ts = ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    return true;
  }

  private int digits(int s, int n) {
    int v = 0;
    for (int k = 0; k < n; k++) {
      byte c = buf[s + k];
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
  static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  private boolean eq(int s, int e, byte[] key) {
    if (e - s != key.length) {
      return false;
    }
    for (int k = 0; k < key.length; k++) { // keys are short: a plain loop beats a vectorized call
      if (buf[s + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  private int index(byte[][] keys, int s, int e) {
    for (int k = 0; k < keys.length; k++) {
      if (eq(s, e, keys[k])) {
        return k;
      }
    }
    return -1;
  }

  private boolean blank(int s, int e) {
    for (int i = s; i < e; i++) {
      if (!Character.isWhitespace(buf[i])) {
        return false;
      }
    }
    return true;
  }

  /** A small open-addressing map from byte strings to ints, for per-block label caches. */
  static final class ByteCache {
    static final byte[] ABSENT = {1};
    private byte[][] keys = new byte[64][];
    private int[] vals = new int[64];
    private int size;
    private byte[] lastKey = new byte[0];
    private int lastVal = -1;

    int get(byte[] b, int s, int e) {
      if (lastVal >= 0 && same(lastKey, b, s, e)) { // consecutive lines mostly repeat a value
        return lastVal;
      }
      int v = lookup(b, s, e);
      if (v >= 0) {
        lastKey = keys[slot];
        lastVal = v;
      }
      return v;
    }

    static boolean same(byte[] a, int as, int ae, byte[] b, int s, int e) {
      if (ae - as != e - s) {
        return false;
      }
      for (int k = 0; k < e - s; k++) {
        if (a[as + k] != b[s + k]) {
          return false;
        }
      }
      return true;
    }

    private static boolean same(byte[] key, byte[] b, int s, int e) {
      if (key.length != e - s) {
        return false;
      }
      for (int k = 0; k < key.length; k++) {
        if (key[k] != b[s + k]) {
          return false;
        }
      }
      return true;
    }

    private int slot;

    private int lookup(byte[] b, int s, int e) {
      int mask = keys.length - 1;
      int i = (int) Hashing.hash(b, s, e - s) & mask;
      while (keys[i] != null) {
        if (same(keys[i], b, s, e)) {
          slot = i;
          return vals[i];
        }
        i = (i + 1) & mask;
      }
      return -1;
    }

    void put(byte[] b, int s, int e, int v) {
      if (size * 2 >= keys.length) {
        byte[][] ok = keys;
        int[] ov = vals;
        keys = new byte[ok.length * 2][];
        vals = new int[ok.length * 2];
        size = 0;
        for (int k = 0; k < ok.length; k++) {
          if (ok[k] != null) {
            put(ok[k], 0, ok[k].length, ov[k]);
          }
        }
      }
      int mask = keys.length - 1;
      int i = (int) Hashing.hash(b, s, e - s) & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = Arrays.copyOfRange(b, s, e);
      vals[i] = v;
      size++;
    }
  }
}
