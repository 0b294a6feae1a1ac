package dev.calibration.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small CSV file with a header row, read whole: RFC 4180 quoting (a quoted field may hold commas,
 * doubled quotes and line breaks), and every row remembers the line it started on so that errors
 * can name it. For the {@code fit} command's score/label files, which are small by nature.
 */
final class CsvTable {
  private final Path file;
  private final List<String> header;
  private final List<List<String>> rows;
  private final int[] lines;

  private CsvTable(Path file, List<String> header, List<List<String>> rows, int[] lines) {
    this.file = file;
    this.header = header;
    this.rows = rows;
    this.lines = lines;
  }

  /**
   * Reads {@code file}.
   *
   * @throws CliException (data) when the file cannot be read, is empty, has an unterminated quote,
   *     or a row whose field count differs from the header's
   */
  static CsvTable read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CliException.data(file + ": no such file");
    }
    List<List<String>> records = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      String line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      int start = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (!quoted) {
          if (line.isEmpty()) {
            continue; // blank lines separate nothing; skip them
          }
          start = lineNo;
        } else {
          field.append('\n');
        }
        for (int i = 0; i < line.length(); i++) {
          char c = line.charAt(i);
          if (quoted) {
            if (c == '"') {
              if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
              } else {
                quoted = false;
              }
            } else {
              field.append(c);
            }
          } else if (c == '"') {
            quoted = true;
          } else if (c == ',') {
            fields.add(field.toString());
            field.setLength(0);
          } else {
            field.append(c);
          }
        }
        if (!quoted) {
          fields.add(field.toString());
          field.setLength(0);
          records.add(fields);
          starts.add(start);
          fields = new ArrayList<>();
        }
      }
      if (quoted) {
        throw CliException.data(file + ":" + start + ": unterminated quoted field");
      }
    } catch (IOException e) {
      throw CliException.data(file + ": cannot read: " + e.getMessage(), e);
    }
    if (records.isEmpty()) {
      throw CliException.data(file + ": empty file; expected a header row");
    }
    List<String> header = new ArrayList<>();
    for (String h : records.get(0)) {
      header.add(h.strip());
    }
    int[] lines = new int[records.size() - 1];
    for (int r = 1; r < records.size(); r++) {
      List<String> row = records.get(r);
      if (row.size() != header.size()) {
        throw CliException.data(
            String.format(
                Locale.ROOT,
                "%s:%d: %d fields but the header has %d (%s)",
                file,
                starts.get(r),
                row.size(),
                header.size(),
                String.join(",", header)));
      }
      lines[r - 1] = starts.get(r);
    }
    return new CsvTable(file, List.copyOf(header), records.subList(1, records.size()), lines);
  }

  List<String> header() {
    return header;
  }

  int size() {
    return rows.size();
  }

  List<String> row(int i) {
    return rows.get(i);
  }

  /** The index of {@code column}, or -1 when the header lacks it. */
  int column(String column) {
    return header.indexOf(column);
  }

  /**
   * The index of a column the caller needs.
   *
   * @throws CliException (data) naming the file, the column and the header found
   */
  int requireColumn(String column) {
    int i = column(column);
    if (i < 0) {
      throw CliException.data(
          file + ":1: no column '" + column + "' in the header (" + String.join(",", header) + ")");
    }
    return i;
  }

  /**
   * The finite number in row {@code i}, column {@code c}.
   *
   * @throws CliException (data) naming file, line and field when it is not one
   */
  double number(int i, int c) {
    String text = rows.get(i).get(c).strip();
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw CliException.data(
          String.format(
              Locale.ROOT,
              "%s:%d: field '%s' is not a number: '%s'",
              file,
              lines[i],
              header.get(c),
              text),
          e);
    }
    if (!Double.isFinite(v)) {
      throw CliException.data(
          String.format(
              Locale.ROOT,
              "%s:%d: field '%s' must be finite but was %s",
              file,
              lines[i],
              header.get(c),
              text));
    }
    return v;
  }

  /** The line number in the file where row {@code i} starts. */
  int line(int i) {
    return lines[i];
  }

  Path file() {
    return file;
  }

  /** Writes one CSV record, quoting the fields that need it. */
  static void writeRow(Writer out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String f = fields.get(i);
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0
          || f.indexOf('\r') >= 0) {
        out.write('"');
        out.write(f.replace("\"", "\"\""));
        out.write('"');
      } else {
        out.write(f);
      }
    }
    out.write('\n');
  }
}
