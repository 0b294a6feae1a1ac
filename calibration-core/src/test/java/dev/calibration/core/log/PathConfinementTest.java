package dev.calibration.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A confined logger refuses every path that leads out of its base directory. */
class PathConfinementTest {
  @TempDir Path tmp;
  Path base;
  Path outside;

  @BeforeEach
  void setUp() throws IOException {
    base = Files.createDirectories(tmp.resolve("base"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(base.resolve("escape"), outside); // a directory link leading out
    Files.createSymbolicLink(base.resolve("file-link.jsonl"), outside.resolve("target.jsonl"));
    Files.createDirectories(base.resolve("logs"));
    Files.createSymbolicLink(base.resolve("inner"), base.resolve("logs")); // a link that stays in
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../outside/p.jsonl",
        "logs/../../outside/p.jsonl",
        "escape/p.jsonl",
        "escape/deeper/p.jsonl",
        "file-link.jsonl"
      })
  void build_pathEscapingTheBase_isRefusedWithCode(String relative) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsonlPredictionLogger.builder(Path.of(relative)).confinedTo(base).build());
    assertTrue(e.getMessage().startsWith("CAL-LOG-001: log path '" + relative + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("escapes base directory"), e.getMessage());
  }

  @Test
  void build_absolutePathElsewhere_isRefused() {
    Path elsewhere = outside.resolve("p.jsonl");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsonlPredictionLogger.builder(elsewhere).confinedTo(base).build());
    assertTrue(e.getMessage().contains("lies outside the base directory"), e.getMessage());
    assertTrue(Files.notExists(elsewhere), "nothing is created outside");
  }

  @ParameterizedTest
  @ValueSource(strings = {"p.jsonl", "logs/p.jsonl", "inner/p.jsonl", "new/dir/p.jsonl", "logs/../p.jsonl"})
  void build_pathInsideTheBase_opensAndWritesThere(String relative) throws IOException {
    try (JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(Path.of(relative)).confinedTo(base).build()) {
      log.log(LogTestSupport.typical("x", 1));
      assertTrue(log.file().startsWith(base.toRealPath()), log.file().toString());
    }
    assertEquals(1, LogTestSupport.readAll(base.resolve(relative)).size());
  }

  @Test
  void build_absolutePathInsideTheBase_isAccepted() throws IOException {
    try (JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(base.resolve("abs.jsonl")).confinedTo(base).build()) {
      assertEquals(base.toRealPath().resolve("abs.jsonl"), log.file());
    }
  }

  @Test
  void build_danglingLinkInsideTheBase_isRefused() throws IOException {
    Files.createSymbolicLink(base.resolve("dangling.jsonl"), tmp.resolve("nowhere/x.jsonl"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsonlPredictionLogger.builder(Path.of("dangling.jsonl")).confinedTo(base).build());
    assertTrue(e.getMessage().contains("cannot be resolved"), e.getMessage());
  }
}
