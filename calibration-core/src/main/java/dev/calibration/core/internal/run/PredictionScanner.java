package dev.calibration.core.internal.run;

/**
 * Parses a block of prediction log lines into a batch. Each line is tried with the byte-level
 * {@link FastLine} scanner, which also finds where the line ends (no separate newline pass); a line it declines goes to the Jackson tree reader {@link TreeLine},
 * which also names the problem of a bad line. A torn last line (no newline at the end of the file
 * and not parseable) is counted as truncated, not as bad. Blank lines are ignored.
 *
 * <p>Concurrency: immutable; {@link #parse} may run on several threads at once.
 */
final class PredictionScanner {
  private final RunSpec spec;

  PredictionScanner(RunSpec spec) {
    this.spec = spec;
  }

  PredictionBatch parse(byte[] buf, int length, boolean lastBlock) {
    PredictionBatch b = new PredictionBatch(Math.max(64, length / 256), spec.targets.length);
    FastLine fast = new FastLine(spec);
    int line = 0;
    int start = 0;
    while (start < length) {
      int fastEnd = fast.parseLine(buf, start, length, b);
      if (fastEnd >= 0) { // the common case: the scanner read the line and found its end
        line++;
        start = fastEnd + 1;
        continue;
      }
      int end = Swar.newline(buf, start, length);
      boolean torn = end == length && lastBlock; // no newline after the file's last line
      line++;
      int stop = end > start && buf[end - 1] == '\r' ? end - 1 : end;
      if (!blank(buf, start, stop)) {
        if (!fast.parse(buf, start, stop, b)) {
          try {
            TreeLine.parse(buf, start, stop, b, spec);
          } catch (TreeLine.Bad bad) {
            if (torn) {
              b.truncated = true;
            } else {
              b.problems.add(new Problem(line, bad.code, bad.field, bad.getMessage(), true));
            }
          }
        }
      }
      start = end + 1;
    }
    b.lines = line;
    return b;
  }

  private static boolean blank(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = buf[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}
