package dev.calibration.core.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  private static final Instant WHEN = Instant.parse("2026-11-23T10:15:00.999Z");

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void write_existingTarget_replacesContentAndLeavesNoTemporaryFile(@TempDir Path dir)
      throws IOException {
    Path target = dir.resolve("active.json");
    AtomicFiles.write(target, "old".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
    assertEquals(Set.of("active.json"), names(dir));
  }

  @Test
  void write_missingParent_createsIt(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("a/b/c.json");
    AtomicFiles.write(target, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
  }

  @Test
  void write_targetIsADirectory_failsAndKeepsTheDirectory(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("taken");
    Files.createDirectory(target);
    Files.writeString(target.resolve("inside"), "x");
    assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {1}));
    assertEquals("x", Files.readString(target.resolve("inside")));
    assertEquals(Set.of("taken"), names(dir));
  }

  @Test
  void writeTimestamped_sameSecond_addsSuffixesAndNeverOverwrites(@TempDir Path dir)
      throws IOException {
    Path first = AtomicFiles.writeTimestamped(dir, "metrics", WHEN, new byte[] {1});
    Path second = AtomicFiles.writeTimestamped(dir, "metrics", WHEN, new byte[] {2});
    Path third = AtomicFiles.writeTimestamped(dir, "metrics", WHEN, new byte[] {3});
    assertEquals("metrics_20261123_101500.json", first.getFileName().toString());
    assertEquals("metrics_20261123_101500_1.json", second.getFileName().toString());
    assertEquals("metrics_20261123_101500_2.json", third.getFileName().toString());
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(first));
    assertArrayEquals(new byte[] {3}, Files.readAllBytes(third));
  }

  @Test
  void writeTimestamped_concurrentWriters_eachGetTheirOwnFile(@TempDir Path dir) throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        byte[] content = {(byte) i};
        results.add(
            pool.submit(() -> AtomicFiles.writeTimestamped(dir, "suggestions", WHEN, content)));
      }
      Set<Path> written = new HashSet<>();
      Set<Byte> contents = new HashSet<>();
      for (Future<Path> f : results) {
        Path p = f.get();
        written.add(p);
        contents.add(Files.readAllBytes(p)[0]);
      }
      assertEquals(writers, written.size());
      assertEquals(writers, contents.size());
      assertEquals(writers, names(dir).size(), () -> "stray files: " + written);
    } finally {
      pool.shutdownNow();
    }
  }
}
