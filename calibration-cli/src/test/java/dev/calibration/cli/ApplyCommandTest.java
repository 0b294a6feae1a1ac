package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {
  @TempDir Path dir;

  private Path suggestions() throws Exception {
    Path s = dir.resolve("calibration_suggestions.json");
    Files.writeString(
        s,
        "{\"schema\":1,\"factors\":{\"CONDITION_PRICE_FACTOR\":{"
            + "\"used_good\":{\"current\":0.85,\"suggested\":0.79,\"n\":412},"
            + "\"new\":{\"current\":1.1,\"suggested\":1.5,\"n\":300}},"
            + "\"OTHER_TABLE\":{\"x\":{\"current\":1.0,\"suggested\":0.9,\"n\":10}}}}");
    return s;
  }

  @Test
  void apply_suggestions_writesBoundedOverrides() throws Exception {
    Path out = dir.resolve("overrides.json");
    Cli.Result r =
        Cli.run("apply", "--suggestions", suggestions().toString(), "--out-overrides", out.toString());
    assertEquals(0, r.exit(), r.toString());
    JsonNode o = Json.MAPPER.readTree(out.toFile());
    assertEquals(0.79, o.at("/CONDITION_PRICE_FACTOR/used_good").asDouble(), 1e-12);
    assertEquals(1.2, o.at("/CONDITION_PRICE_FACTOR/new").asDouble(), 1e-12); // 1.5 clamped
    assertFalse(o.has("OTHER_TABLE"), "a table not allowed is not written");
    assertTrue(r.out().contains("clamped"), r.out());
  }

  @Test
  void apply_dryRun_printsTheTableAndWritesNothing() throws Exception {
    Path out = dir.resolve("overrides.json");
    Cli.Result r =
        Cli.run(
            "apply", "--suggestions", suggestions().toString(), "--out-overrides", out.toString(),
            "--dry-run", "--max-factor", "1.1");
    assertEquals(0, r.exit(), r.toString());
    assertFalse(Files.exists(out));
    assertTrue(r.out().contains("used_good") && r.out().contains("dry run"), r.out());
    assertTrue(r.out().contains("1.1000"), r.out()); // 1.5 clamped to the lower max
  }

  @Test
  void apply_withoutOutOrDryRun_isAUsageError() throws Exception {
    Cli.Result r = Cli.run("apply", "--suggestions", suggestions().toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
  }

  @Test
  void apply_malformedSuggestions_exitsThreeNamingTheFile() throws Exception {
    Path s = dir.resolve("bad.json");
    Files.writeString(s, "{\"schema\":1,\"factors\":");
    Cli.Result r =
        Cli.run("apply", "--suggestions", s.toString(), "--out-overrides", dir.resolve("o.json").toString());
    assertEquals(ExitCodes.DATA, r.exit(), r.toString());
    assertTrue(r.err().contains("bad.json"), r.err());
  }

  @Test
  void apply_minAboveMax_isAUsageError() throws Exception {
    Cli.Result r =
        Cli.run("apply", "--suggestions", suggestions().toString(), "--dry-run", "--min-factor",
            "1.3", "--max-factor", "1.2");
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
  }
}
