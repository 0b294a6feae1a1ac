package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.calibration.api.Calibrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitCommandTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  /**
   * Pool-adjacent violators on scores 0.1..0.4 with labels 0,1,0,1: the middle pair violates order
   * and pools to 0.5, so the fit is 0, 0.5, 0.5, 1 at the four scores; between thresholds the map
   * interpolates linearly (0.35 -> 0.75) and outside it clips (0.05 -> 0, 0.9 -> 1).
   */
  @Test
  void fit_isotonicApplied_addsTheCalibratedColumnFromPav() throws Exception {
    Path train = write("train.csv", "score,label\n0.1,0\n0.2,1\n0.3,0\n0.4,1\n");
    Path scores = write("scores.csv", "id,score,note\nA,0.05,\"x, y\"\nB,0.25,\nC,0.35,z\nD,0.9,\n");
    Path out = dir.resolve("calibrated.csv");
    Cli.Result r =
        Cli.run("fit", "--method", "isotonic", "--input", train.toString(), "--apply",
            scores.toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.toString());
    CsvTable t = CsvTable.read(out);
    assertEquals(List.of("id", "score", "note", "calibrated"), t.header());
    assertEquals("x, y", t.row(0).get(2)); // the input's columns are kept, quoting and all
    int c = t.requireColumn("calibrated");
    assertEquals(0.0, t.number(0, c), 1e-12);
    assertEquals(0.5, t.number(1, c), 1e-12);
    assertEquals(0.75, t.number(2, c), 1e-12);
    assertEquals(1.0, t.number(3, c), 1e-12);
    assertTrue(r.out().contains("fitted isotonic on 4 rows"), r.out());
  }

  @Test
  void fit_save_writesAJsonThatRestoresTheSameMap() throws Exception {
    Path train =
        write("train.csv", "score,label,weight\n0.1,0,1\n0.3,0,2\n0.5,1,1\n0.7,0,1\n0.9,1,3\n");
    Path saved = dir.resolve("calibrator.json");
    Cli.Result r =
        Cli.run("fit", "--method", "platt", "--input", train.toString(), "--save", saved.toString());
    assertEquals(0, r.exit(), r.toString());
    Map<String, Object> json =
        Json.MAPPER.readValue(saved.toFile(), new TypeReference<Map<String, Object>>() {});
    assertEquals("platt", json.get("method"));
    json.remove("method");
    Calibrator restored = Methods.resolve("platt").restore(json);
    // The printed mapping at 0.5 is the restored calibrator's value, to the four places printed.
    String expected = String.format(java.util.Locale.ROOT, "   0.50  %10.4f", restored.apply(0.5));
    assertTrue(r.out().contains(expected), r.out() + " lacks " + expected);
    // Platt is monotone increasing when the labels rise with the score, as they do here.
    assertTrue(restored.apply(0.9) > restored.apply(0.1));
  }

  @Test
  void fit_unknownMethod_exitsTwoAndListsTheKnownMethods() throws Exception {
    Path train = write("train.csv", "score,label\n0.1,0\n0.9,1\n");
    Cli.Result r = Cli.run("fit", "--method", "isotonik", "--input", train.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().contains("isotonik"), r.err());
    assertTrue(r.err().contains("isotonic") && r.err().contains("platt"), r.err());
  }

  @Test
  void fit_missingInput_exitsThreeNamingTheFile() {
    Path missing = dir.resolve("nope.csv");
    Cli.Result r = Cli.run("fit", "--method", "platt", "--input", missing.toString());
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains(missing.toString()), r.err());
  }

  @Test
  void fit_malformedField_exitsThreeNamingFileLineAndField() throws Exception {
    Path train = write("train.csv", "score,label\n0.1,0\n0.2,yes\n");
    Cli.Result r = Cli.run("fit", "--method", "platt", "--input", train.toString());
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains(train + ":3"), r.err());
    assertTrue(r.err().contains("'label'") && r.err().contains("yes"), r.err());
  }

  @Test
  void fit_rowWithMissingField_exitsThreeNamingTheLine() throws Exception {
    Path train = write("train.csv", "score,label\n0.1,0\n\n0.2\n");
    Cli.Result r = Cli.run("fit", "--method", "platt", "--input", train.toString());
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains(train + ":4: 1 fields but the header has 2"), r.err());
  }

  @Test
  void fit_missingLabelColumn_exitsThreeNamingTheHeader() throws Exception {
    Path train = write("train.csv", "score,outcome\n0.1,0\n");
    Cli.Result r = Cli.run("fit", "--method", "platt", "--input", train.toString());
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains("no column 'label'"), r.err());
  }

  @Test
  void fit_applyWithoutOut_isAUsageErrorAndWritesNothing() throws Exception {
    Path train = write("train.csv", "score,label\n0.1,0\n0.9,1\n");
    Cli.Result r =
        Cli.run("fit", "--method", "platt", "--input", train.toString(), "--apply", train.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertFalse(Files.exists(dir.resolve("calibrated.csv")));
  }
}
