package dev.calibration.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.Prediction;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every file of {@code src/test/resources/log/bad/} yields its documented outcome (see the table
 * in {@code docs/prediction-log.md}). Expected counts are read off the files' contents by hand.
 */
class BadInputCorpusTest {
  private static final String CASES =
      """
      file,                                        read, skipped, truncated, blank, code,        line, field
      01-empty.jsonl,                              0,    0,       0,         0,     -,           0,    -
      02-only-newlines.jsonl,                      0,    0,       0,         3,     -,           0,    -
      03-truncated-last-line.jsonl,                2,    0,       1,         0,     CAL-LOG-107, 3,    -
      04-truncated-nul-padded.jsonl,               1,    0,       1,         0,     CAL-LOG-107, 2,    -
      05-nul-block-only.jsonl,                     0,    0,       1,         0,     CAL-LOG-107, 1,    -
      06-last-line-complete-without-newline.jsonl, 2,    0,       0,         0,     -,           0,    -
      07-invalid-utf8.jsonl,                       2,    1,       0,         0,     CAL-LOG-101, 2,    -
      08-invalid-utf8-cut-sequence.jsonl,          0,    1,       0,         0,     CAL-LOG-101, 1,    -
      09-id-is-a-number.jsonl,                     0,    1,       0,         0,     CAL-LOG-104, 1,    id
      10-value-is-a-string.jsonl,                  0,    1,       0,         0,     CAL-LOG-104, 1,    values.price
      11-values-is-an-array.jsonl,                 0,    1,       0,         0,     CAL-LOG-104, 1,    values
      12-segment-value-is-an-object.jsonl,         0,    1,       0,         0,     CAL-LOG-104, 1,    segment.condition
      13-nan.jsonl,                                0,    1,       0,         0,     CAL-LOG-105, 1,    values.price
      14-infinity.jsonl,                           0,    1,       0,         0,     CAL-LOG-105, 1,    values.price
      15-number-overflows-double.jsonl,            0,    1,       0,         0,     CAL-LOG-105, 1,    values.price
      16-missing-id.jsonl,                         0,    1,       0,         0,     CAL-LOG-103, 1,    id
      17-blank-id.jsonl,                           0,    1,       0,         0,     CAL-LOG-104, 1,    id
      18-null-id.jsonl,                            0,    1,       0,         0,     CAL-LOG-103, 1,    id
      19-missing-timestamp.jsonl,                  0,    1,       0,         0,     CAL-LOG-103, 1,    ts
      20-impossible-date.jsonl,                    0,    1,       0,         0,     CAL-LOG-108, 1,    ts
      21-timestamp-without-zone.jsonl,             0,    1,       0,         0,     CAL-LOG-108, 1,    ts
      22-trailing-garbage.jsonl,                   0,    1,       0,         0,     CAL-LOG-102, 1,    -
      23-two-objects-on-one-line.jsonl,            0,    1,       0,         0,     CAL-LOG-102, 1,    -
      24-huge-line.jsonl,                          2,    1,       0,         0,     CAL-LOG-106, 2,    -
      25-crlf-line-ends.jsonl,                     2,    0,       0,         0,     -,           0,    -
      26-bom-at-start.jsonl,                       2,    0,       0,         0,     -,           0,    -
      27-bom-on-second-line.jsonl,                 1,    1,       0,         0,     CAL-LOG-101, 2,    -
      28-not-an-object.jsonl,                      0,    2,       0,         0,     CAL-LOG-101, 1,    -
      29-malformed-json.jsonl,                     0,    1,       0,         0,     CAL-LOG-101, 1,    -
      30-unsupported-schema.jsonl,                 0,    1,       0,         0,     CAL-LOG-109, 1,    schema
      31-mixed-good-bad-blank.jsonl,               3,    2,       0,         1,     CAL-LOG-101, 2,    -
      32-nul-line-in-the-middle.jsonl,             2,    1,       0,         0,     CAL-LOG-101, 2,    -
      33-members-not-an-object.jsonl,              0,    1,       0,         0,     CAL-LOG-104, 1,    members.sell_p60
      34-context-nan.jsonl,                        0,    1,       0,         0,     CAL-LOG-105, 1,    context.x
      35-nesting-too-deep.jsonl,                   0,    1,       0,         0,     CAL-LOG-101, 1,    -
      """;

  static Path corpus(String name) {
    try {
      return Path.of(BadInputCorpusTest.class.getResource("/log/bad/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void corpus_hasAtLeast25FilesAllListedHere() throws Exception {
    Path dir = corpus("01-empty.jsonl").getParent();
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertTrue(names.size() >= 25, "corpus size " + names.size());
      for (String n : names) {
        assertTrue(CASES.contains("\n" + n + ","), n + " has no expectation");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = CASES, useHeadersInDisplayName = true)
  void readWithSkip_corpusFile_countsEveryLineAsDocumented(
      String file, long read, long skipped, long truncated, long blank, String code, long line,
      String field) {
    JsonlPredictionSource source =
        JsonlPredictionSource.builder(corpus(file)).policy(ReadPolicy.SKIP).build();
    long n;
    try (Stream<Prediction> s = source.open()) {
      n = s.count();
    }
    ReadStats stats = source.stats();
    assertEquals(read, n);
    assertEquals(new ReadStats(1, read, skipped, truncated, blank, stats.problems()), stats);
    if (code.equals("-")) {
      assertEquals(List.of(), stats.problems());
    } else {
      String first = stats.problems().get(0);
      assertTrue(first.contains(file + ":" + line + " (byte "), first);
      assertTrue(first.contains(code), first);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = CASES, useHeadersInDisplayName = true)
  void readWithFail_corpusFile_throwsAtTheFirstBadLineOrReadsAll(
      String file, long read, long skipped, long truncated, long blank, String code, long line,
      String field) {
    JsonlPredictionSource source = JsonlPredictionSource.of(corpus(file));
    if (skipped == 0) {
      try (Stream<Prediction> s = source.open()) {
        assertEquals(read, s.count(), "truncated last lines and blank lines are not fatal");
      }
      return;
    }
    LogReadException e =
        assertThrows(
            LogReadException.class,
            () -> {
              try (Stream<Prediction> s = source.open()) {
                s.forEach(p -> {});
              }
            });
    assertEquals(code, e.code());
    assertEquals(line, e.line());
    assertEquals(corpus(file), e.file());
    assertEquals(field.equals("-") ? Optional.empty() : Optional.of(field), e.field());
    assertTrue(e.getMessage().startsWith(corpus(file) + ":" + line + " (byte "), e.getMessage());
  }

  @Test
  void readWithFail_invalidUtf8OnLine2_reportsTheByteOffsetOfThatLine() {
    LogReadException e =
        assertThrows(
            LogReadException.class,
            () -> {
              try (Stream<Prediction> s =
                  JsonlPredictionSource.of(corpus("07-invalid-utf8.jsonl")).open()) {
                s.forEach(p -> {});
              }
            });
    // Line 1 is a 77-byte record plus its '\n'.
    assertEquals(78, e.byteOffset());
  }

  @Test
  void read_twoFiles_streamsThemInOrderAndCountsBoth() {
    JsonlPredictionSource source =
        JsonlPredictionSource.builder(corpus("25-crlf-line-ends.jsonl"), corpus("26-bom-at-start.jsonl"))
            .build();
    try (Stream<Prediction> s = source.open()) {
      assertEquals(List.of("a", "b", "a", "b"), s.map(Prediction::id).toList());
    }
    assertEquals(2, source.stats().files());
  }

  @Test
  void read_missingFile_failsNamingIt() {
    Path missing = Path.of("no/such/file.jsonl");
    LogReadException e =
        assertThrows(
            LogReadException.class,
            () -> {
              try (Stream<Prediction> s = JsonlPredictionSource.of(missing).open()) {
                s.count();
              }
            });
    assertEquals("CAL-LOG-110", e.code());
    assertTrue(e.getMessage().contains("no/such/file.jsonl"), e.getMessage());
  }
}
