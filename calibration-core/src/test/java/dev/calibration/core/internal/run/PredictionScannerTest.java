package dev.calibration.core.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The block scanner finds line ends while it parses (no separate newline pass). Whatever the
 * block's shape, it must give the rows, problems, line count and torn-line flag that reading each
 * '\n'-separated line on its own with the Jackson tree reader gives.
 */
class PredictionScannerTest {
  private static final String A =
      "{\"schema\":1,\"id\":\"SKU1\",\"ts\":\"2026-01-01T00:00:00.003Z\",\"model_version\":\"2.0.0\","
          + "\"calibration_version\":\"cal-0006\",\"segment\":{\"condition\":\"c5\"},"
          + "\"values\":{\"price\":45.25,\"sell_p60\":0.3456},"
          + "\"members\":{\"sell_p60\":{\"xgb\":0.3556,\"lgbm\":0.3356}},"
          + "\"context\":{\"lot_id\":\"LOT1\",\"opt\":{\"sims\":[1,2.5e3,true,null]}}}";
  private static final String B =
      "{\"id\":\"SKU2\",\"ts\":\"2026-01-01T00:00:01Z\",\"segment\":{\"condition\":null},"
          + "\"values\":{\"sell_p60\":1}}";
  private static final String ESCAPED_ID =
      "{\"id\":\"SKU\\u0033\",\"ts\":\"2026-01-01T00:00:02Z\",\"values\":{\"price\":3}}";
  private static final RunSpec SPEC =
      new RunSpec(
          List.of("sell_p60", "price"),
          List.of("sold_60d", "realized_price"),
          Arrays.asList(null, null),
          Arrays.asList(null, null),
          Arrays.asList(null, null),
          new int[] {0, 0},
          List.of("condition"),
          false,
          1);

  static Stream<Arguments> blocks() {
    return Stream.of(
        Arguments.of("newlines", A + "\n" + B + "\n", true),
        Arguments.of("crlf", A + "\r\n" + B + "\r\n", true),
        Arguments.of("trailingBlanksNoFinalNewline", A + " \t\r\n" + B + "  ", true),
        Arguments.of("blankLines", "\n" + A + "\n\n  \t\n\r\n" + B + "\n", true),
        Arguments.of("objectSplitOverTwoLines", A.substring(0, 40) + "\n" + A.substring(40) + "\n" + B, true),
        Arguments.of("twoObjectsOnOneLine", A + " " + B + "\n" + B + "\n", true),
        Arguments.of("escapedIdGoesToTreeReader", ESCAPED_ID + "\n" + A + "\n", true),
        Arguments.of("tornLastLineOfFile", A + "\n" + B.substring(0, 30), true),
        Arguments.of("cutLastLineOfInnerBlock", A + "\n" + B.substring(0, 30), false),
        Arguments.of("carriageReturnInsideLine", A + "\r" + B + "\n", true),
        Arguments.of("leadingWhitespace", "   " + A + "\n\t" + B + "\n", true),
        Arguments.of("calendarEdges", calendarEdges(), true));
  }

  /** Leap and non-leap February ends and a 31st of a 30-day month: the scanner's own calendar. */
  private static String calendarEdges() {
    StringBuilder s = new StringBuilder();
    String[] days = {
      "2024-02-29", "2026-02-29", "2026-02-28", "2000-02-29", "1900-02-29", "2026-04-31", "2026-12-31"
    };
    for (int i = 0; i < days.length; i++) {
      s.append("{\"id\":\"D").append(i).append("\",\"ts\":\"").append(days[i])
          .append("T23:59:59.5Z\",\"values\":{\"price\":1}}\n");
    }
    return s.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void parse_anyBlockShape_matchesTreeReaderLineByLine(String name, String text, boolean last) {
    byte[] buf = text.getBytes(StandardCharsets.UTF_8);
    PredictionBatch fast = new PredictionScanner(SPEC).parse(buf, buf.length, last);
    PredictionBatch reference = lineByLine(buf, last);
    assertEquals(describe(reference), describe(fast), name);
  }

  /** The reference: split at '\n', drop a final '\r', skip blank lines, tree-read each line. */
  private static PredictionBatch lineByLine(byte[] buf, boolean last) {
    PredictionBatch b = new PredictionBatch(64, SPEC.targets.length);
    int line = 0;
    int start = 0;
    while (start < buf.length) {
      int end = start;
      while (end < buf.length && buf[end] != '\n') {
        end++;
      }
      line++;
      int stop = end > start && buf[end - 1] == '\r' ? end - 1 : end;
      if (!new String(buf, start, stop - start, StandardCharsets.UTF_8).isBlank()) {
        try {
          TreeLine.parse(buf, start, stop, b, SPEC);
        } catch (TreeLine.Bad bad) {
          if (end == buf.length && last) {
            b.truncated = true;
          } else {
            b.problems.add(new Problem(line, bad.code, bad.field, bad.getMessage(), true));
          }
        }
      }
      start = end + 1;
    }
    b.lines = line;
    return b;
  }

  private static List<String> describe(PredictionBatch b) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < b.n; i++) {
      StringBuilder s = new StringBuilder();
      s.append(new String(b.idBuf, b.idOff[i], b.idLen[i], StandardCharsets.UTF_8))
          .append(" ts=").append(b.ts[i])
          .append(" seg=").append(b.segLabels.get(b.seg[i]))
          .append(" mv=").append(b.mvLabels.get(b.mv[i]))
          .append(" cv=").append(b.cvLabels.get(b.cv[i]));
      for (int t = 0; t < b.values.length; t++) {
        s.append(' ').append(SPEC.targets[t]).append('=').append(b.values[t][i]);
        TreeMap<String, Double> members = new TreeMap<>();
        for (int m = 0; m < b.memberNames.get(t).size(); m++) {
          double v = b.memberValues.get(t).get(m)[i];
          if (!Double.isNaN(v)) {
            members.put(b.memberNames.get(t).get(m), v);
          }
        }
        s.append(members);
      }
      out.add(s.toString());
    }
    for (Problem p : b.problems) {
      out.add("problem line " + p.localLine() + " " + p.code() + " " + p.field());
    }
    out.add("lines=" + b.lines + " truncated=" + b.truncated);
    return out;
  }
}
