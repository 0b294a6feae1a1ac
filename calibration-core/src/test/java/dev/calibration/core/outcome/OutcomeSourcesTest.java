package dev.calibration.core.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.Outcome;
import dev.calibration.api.OutcomeStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV and JSONL outcome sources: mapping, statuses, bad rows under FAIL and SKIP. */
class OutcomeSourcesTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private static List<Outcome> all(dev.calibration.api.OutcomeSource s) {
    try (Stream<Outcome> st = s.open()) {
      return st.collect(Collectors.toList());
    }
  }

  @Test
  void csv_mappedColumns_becomeOutcomes() throws Exception {
    Path f =
        file(
            "o.csv",
            "sku,when,state,sold,price,note\n"
                + "A,2026-11-23T10:00:00Z,W,1,44.5,x\n"
                + "\"B,1\",,void,0,,\n");
    OutcomeMapping m =
        OutcomeMapping.builder()
            .idColumn("sku")
            .timestampColumn("when")
            .statusColumn("state")
            .statusValue("W", OutcomeStatus.SETTLED)
            .valueColumns("sold", "price")
            .build();
    List<Outcome> os = all(CsvOutcomeSource.builder(f).mapping(m).build());
    assertEquals(2, os.size());
    assertEquals(Map.of("sold", 1.0, "price", 44.5), os.get(0).values());
    assertEquals(Instant.parse("2026-11-23T10:00:00Z"), os.get(0).timestamp().orElseThrow());
    assertEquals("B,1", os.get(1).id()); // a quoted id with a comma
    assertEquals(OutcomeStatus.VOID, os.get(1).status());
    assertEquals(Map.of("sold", 0.0), os.get(1).values()); // the empty price cell is absent
  }

  @Test
  void csv_nonNumericCell_isLeftOutAndCounted() throws Exception {
    Path f = file("o.csv", "id,sold\nA,maybe\nB,1\n");
    CsvOutcomeSource s = CsvOutcomeSource.of(f);
    List<Outcome> os = all(s);
    assertEquals(Map.of(), os.get(0).values());
    assertEquals(1, s.stats().nonNumeric());
    assertTrue(s.stats().problems().get(0).contains(":2 column 'sold'"), s.stats().problems().toString());
  }

  @Test
  void csv_badRows_failNamingFileLineColumnOrAreSkippedAndCounted() throws Exception {
    Path f = file("o.csv", "id,status,sold\nA,settled,1\n,settled,1\nC,won,1\nD,settled\nE,push,0\n");
    OutcomeReadException e = assertThrows(OutcomeReadException.class, () -> all(CsvOutcomeSource.of(f)));
    assertEquals("CAL-OUT-002", e.code());
    assertEquals(3, e.line());
    assertEquals("id", e.column());
    CsvOutcomeSource skip = CsvOutcomeSource.builder(f).policy(OutcomeReadPolicy.SKIP).build();
    List<Outcome> os = all(skip);
    assertEquals(List.of("A", "E"), os.stream().map(Outcome::id).collect(Collectors.toList()));
    assertEquals(3, skip.stats().skipped()); // blank id, unknown status, short row
    assertEquals(2, skip.stats().read());
  }

  @Test
  void csv_missingMappedColumn_failsListingTheHeader() throws Exception {
    Path f = file("o.csv", "id,sold\nA,1\n");
    OutcomeMapping m = OutcomeMapping.builder().idColumn("sku").build();
    OutcomeReadException e =
        assertThrows(OutcomeReadException.class, () -> all(CsvOutcomeSource.builder(f).mapping(m).build()));
    assertEquals("CAL-OUT-001", e.code());
    assertTrue(e.getMessage().contains("[id, sold]"), e.getMessage());
  }

  @Test
  void jsonl_flatObjects_becomeOutcomes() throws Exception {
    Path f =
        file(
            "o.jsonl",
            "{\"id\":\"A\",\"status\":\"settled\",\"sold\":1,\"price\":\"44.5\",\"flag\":true}\n"
                + "\n"
                + "{\"id\":\"B\",\"status\":\"PUSH\",\"sold\":null}\n"
                + "not json\n");
    JsonlOutcomeSource s = JsonlOutcomeSource.builder(f).policy(OutcomeReadPolicy.SKIP).build();
    List<Outcome> os = all(s);
    assertEquals(2, os.size());
    assertEquals(Map.of("sold", 1.0, "price", 44.5), os.get(0).values());
    assertEquals(OutcomeStatus.PUSH, os.get(1).status());
    assertEquals(1, s.stats().skipped());
    assertEquals(1, s.stats().nonNumeric()); // the boolean flag
  }

  @Test
  void mappingBuilder_sameColumnForTwoRoles_isRejectedNamingIt() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> OutcomeMapping.builder().idColumn("x").statusColumn("x").build());
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> OutcomeMapping.builder().idColumn(" "));
  }
}
