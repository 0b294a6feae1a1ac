package dev.calibration.core.internal.run;

import dev.calibration.api.OutcomeStatus;
import dev.calibration.core.outcome.OutcomeMapping;
import dev.calibration.core.run.CalibrationRunException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Parses blocks of a CSV outcome file into batches, reading rows exactly as {@code
 * CsvOutcomeSource} with the same {@link OutcomeMapping} does: RFC 4180 quotes, a blank line
 * ignored, a row with another cell count than the header is bad, a blank id is bad, an unknown
 * status is bad, a bad timestamp is bad, a value cell that is not a finite number is counted and
 * left out. Line breaks inside quoted cells are not supported on this path.
 *
 * <p>Concurrency: immutable after {@link #open}; {@link #parse} may run on several threads.
 */
final class CsvScanner {
  private final String file;
  private final OutcomeMapping mapping;
  private final String[] header;
  private final int headerEnd;
  private final int idCol;
  private final int statusCol;
  private final int tsCol;
  private final boolean[] valueCol;
  private final int[] neededCol; // per spec outcome column: header index or -1
  private final int columns;

  private CsvScanner(
      String file, OutcomeMapping mapping, String[] header, int headerEnd, RunSpec spec) {
    this.file = file;
    this.mapping = mapping;
    this.header = header;
    this.headerEnd = headerEnd;
    List<String> cols = Arrays.asList(header);
    this.idCol = cols.indexOf(mapping.idColumn());
    this.statusCol = cols.indexOf(mapping.statusColumn());
    this.tsCol = mapping.timestampColumn().map(cols::indexOf).orElse(-1);
    this.valueCol = new boolean[header.length];
    for (int i = 0; i < header.length; i++) {
      valueCol[i] = mapping.isValueColumn(header[i]);
    }
    this.columns = spec.outcomeColumns.length;
    this.neededCol = new int[columns];
    for (int c = 0; c < columns; c++) {
      int h = cols.indexOf(spec.outcomeColumns[c]);
      neededCol[c] = h >= 0 && valueCol[h] ? h : -1;
    }
  }

  /** Reads and checks the header line of the file. */
  static CsvScanner open(Path path, OutcomeMapping mapping, RunSpec spec) {
    String file = path.toString();
    byte[] head = new byte[0];
    int len = 0;
    int nl = -1;
    try (InputStream in = Files.newInputStream(path)) {
      while (nl < 0) {
        if (len == head.length) {
          head = Arrays.copyOf(head, Math.max(4096, head.length * 2));
        }
        int r = in.read(head, len, head.length - len);
        if (r < 0) {
          break;
        }
        for (int i = len; i < len + r && nl < 0; i++) {
          if (head[i] == '\n') {
            nl = i;
          }
        }
        len += r;
      }
    } catch (IOException e) {
      throw new CalibrationRunException(
          "CAL-OUT-001", file, 0, "", "cannot read the file: " + e.getMessage(), e);
    }
    int end = nl < 0 ? len : nl;
    int stop = end > 0 && head[end - 1] == '\r' ? end - 1 : end;
    if (len == 0) {
      throw new CalibrationRunException("CAL-OUT-001", file, 1, "", "the file has no header row", null);
    }
    List<String> cells = new ArrayList<>();
    if (!split(head, 0, stop, cells)) {
      throw new CalibrationRunException("CAL-OUT-001", file, 1, "", "the header row is not valid CSV", null);
    }
    String[] header = cells.toArray(new String[0]);
    List<String> cols = Arrays.asList(header);
    if (new HashSet<>(cols).size() != cols.size()) {
      throw new CalibrationRunException(
          "CAL-OUT-001", file, 1, "", "the header repeats a column name: " + cols, null);
    }
    require(file, cols, mapping.idColumn(), "id");
    if (mapping.statusRequired()) {
      require(file, cols, mapping.statusColumn(), "status");
    }
    if (mapping.timestampColumn().isPresent()) {
      require(file, cols, mapping.timestampColumn().get(), "timestamp");
    }
    for (String v : mapping.valueColumns()) {
      require(file, cols, v, "value");
    }
    return new CsvScanner(file, mapping, header, nl < 0 ? len : nl + 1, spec);
  }

  private static void require(String file, List<String> cols, String column, String role) {
    if (!cols.contains(column)) {
      throw new CalibrationRunException(
          "CAL-OUT-001",
          file,
          1,
          column,
          "the header has no " + role + " column '" + column + "'; columns are " + cols,
          null);
    }
  }

  /** The byte offset just after the header line. */
  int headerEnd() {
    return headerEnd;
  }

  /**
   * Parses rows in buf[start, end); {@code linesBefore} lines of this block precede start (1 for
   * the header in the first block).
   */
  OutcomeBatch parse(byte[] buf, int start, int end, int linesBefore) {
    OutcomeBatch b = new OutcomeBatch(Math.max(64, (end - start) / 24), columns);
    int[] cellStart = new int[header.length + 1];
    int[] cellEnd = new int[header.length + 1];
    boolean[] quoted = new boolean[header.length + 1];
    int line = linesBefore;
    int pos = start;
    while (pos < end) {
      int eol = Swar.newline(buf, pos, end);
      line++;
      int stop = eol > pos && buf[eol - 1] == '\r' ? eol - 1 : eol;
      if (stop > pos) {
        row(buf, pos, stop, line, b, cellStart, cellEnd, quoted);
      }
      pos = eol + 1;
    }
    b.lines = line;
    return b;
  }

  private void row(
      byte[] buf,
      int from,
      int to,
      int line,
      OutcomeBatch b,
      int[] cellStart,
      int[] cellEnd,
      boolean[] quoted) {
    int n = 0;
    int i = from;
    boolean anyQuote = false;
    while (true) {
      if (n == cellStart.length) {
        bad(b, line, "CAL-OUT-006", "", "the row has more cells than the header (" + header.length + ")");
        return;
      }
      if (i < to && buf[i] == '"') {
        anyQuote = true;
        quoted[n] = true;
        int j = i + 1;
        while (true) {
          if (j >= to) {
            bad(b, line, "CAL-OUT-006", "", "a quoted cell is not closed");
            return;
          }
          if (buf[j] == '"') {
            if (j + 1 < to && buf[j + 1] == '"') {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        cellStart[n] = i + 1;
        cellEnd[n] = j;
        n++;
        i = j + 1;
        if (i < to && buf[i] != ',') {
          bad(b, line, "CAL-OUT-006", "", "text follows a closing quote");
          return;
        }
      } else {
        quoted[n] = false;
        int j = i;
        while (j < to && buf[j] != ',') {
          j++;
        }
        cellStart[n] = i;
        cellEnd[n] = j;
        n++;
        i = j;
      }
      if (i >= to) {
        break;
      }
      i++; // the comma
      if (i == to) { // a trailing comma: one more, empty cell
        if (n == cellStart.length) {
          bad(b, line, "CAL-OUT-006", "", "the row has more cells than the header (" + header.length + ")");
          return;
        }
        quoted[n] = false;
        cellStart[n] = to;
        cellEnd[n] = to;
        n++;
        break;
      }
    }
    if (n != header.length) {
      bad(b, line, "CAL-OUT-006", "", "the row has " + n + " cells but the header has " + header.length);
      return;
    }
    String id = cell(buf, cellStart[idCol], cellEnd[idCol], anyQuote && quoted[idCol]);
    if (id.isBlank()) {
      bad(b, line, "CAL-OUT-002", mapping.idColumn(), "the id is missing or blank");
      return;
    }
    byte status = OutcomeBatch.SETTLED;
    if (statusCol >= 0) {
      String raw = cell(buf, cellStart[statusCol], cellEnd[statusCol], anyQuote && quoted[statusCol]);
      Optional<OutcomeStatus> s = mapping.status(raw);
      if (s.isEmpty()) {
        bad(
            b,
            line,
            "CAL-OUT-003",
            mapping.statusColumn(),
            "unknown status '" + raw + "' (known: settled, void, push and mapped values)");
        return;
      }
      status =
          s.get() == OutcomeStatus.SETTLED
              ? OutcomeBatch.SETTLED
              : (s.get() == OutcomeStatus.VOID ? OutcomeBatch.VOID : OutcomeBatch.PUSH);
    }
    if (tsCol >= 0) {
      String raw = cell(buf, cellStart[tsCol], cellEnd[tsCol], anyQuote && quoted[tsCol]);
      if (!raw.isBlank() && OutcomeMapping.parseTimestamp(raw).isEmpty()) {
        bad(
            b,
            line,
            "CAL-OUT-004",
            header[tsCol],
            "the timestamp '" + raw + "' is not an ISO-8601 instant");
        return;
      }
    }
    b.ensure();
    int r = b.n;
    for (int c = 0; c < header.length; c++) {
      if (!valueCol[c] || isBlank(buf, cellStart[c], cellEnd[c])) {
        continue;
      }
      double v;
      if (anyQuote && quoted[c]) {
        v = Numbers.parse(cell(buf, cellStart[c], cellEnd[c], true));
      } else {
        v = Numbers.parse(buf, cellStart[c], cellEnd[c]);
      }
      if (Double.isNaN(v)) {
        b.nonNumeric++;
        if (b.problems.size() < 10) {
          b.problems.add(
              new Problem(
                  line,
                  "CAL-OUT-005",
                  header[c],
                  "'"
                      + cell(buf, cellStart[c], cellEnd[c], quoted[c])
                      + "' is not a finite number; the value is left out",
                  false));
        }
      }
      for (int k = 0; k < columns; k++) {
        if (neededCol[k] == c) {
          b.values[k][r] = v;
        }
      }
    }
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    b.appendId(idBytes, 0, idBytes.length);
    b.status[r] = status;
    b.n++;
  }

  private static boolean isBlank(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] != ' ' && buf[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private void bad(OutcomeBatch b, int line, String code, String column, String reason) {
    b.skipped++;
    b.problems.add(new Problem(line, code, column, reason, true));
  }

  private static String cell(byte[] buf, int from, int to, boolean quoted) {
    String s = new String(buf, from, to - from, StandardCharsets.UTF_8);
    return quoted ? s.replace("\"\"", "\"") : s;
  }

  /** Splits one line into cells; false when a quote is not closed or text follows one. */
  static boolean split(byte[] buf, int from, int to, List<String> out) {
    int i = from;
    while (true) {
      if (i < to && buf[i] == '"') {
        int j = i + 1;
        while (true) {
          if (j >= to) {
            return false;
          }
          if (buf[j] == '"') {
            if (j + 1 < to && buf[j + 1] == '"') {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        out.add(cell(buf, i + 1, j, true));
        i = j + 1;
        if (i < to && buf[i] != ',') {
          return false;
        }
      } else {
        int j = i;
        while (j < to && buf[j] != ',') {
          j++;
        }
        out.add(cell(buf, i, j, false));
        i = j;
      }
      if (i >= to) {
        return true;
      }
      i++;
      if (i == to) {
        out.add("");
        return true;
      }
    }
  }
}
