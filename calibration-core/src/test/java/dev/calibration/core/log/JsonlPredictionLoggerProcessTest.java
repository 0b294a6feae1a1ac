package dev.calibration.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.Prediction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs appending to one log at once, and killed with SIGKILL mid-write. */
class JsonlPredictionLoggerProcessTest {
  @TempDir Path dir;

  private static Process child(Path file, String prefix, int count, Durability d, int syncEvery,
      String start) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx64m",
            "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
            "-cp",
            System.getProperty("java.class.path"),
            LogWriterChild.class.getName(),
            file.toString(),
            prefix,
            Integer.toString(count),
            d.name(),
            Integer.toString(syncEvery),
            start);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb.start();
  }

  @Test
  void threeChildProcesses_appendingAtOnce_writeEveryRecordOnceWithNoTornLine() throws Exception {
    Path file = dir.resolve("shared.jsonl");
    Path go = dir.resolve("go");
    int perChild = 20_000;
    List<Process> children = new ArrayList<>();
    List<BufferedReader> outs = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      Process p = child(file, "p" + c + "-", perChild, Durability.FLUSH, 0, go.toString());
      children.add(p);
      outs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }
    for (BufferedReader r : outs) {
      assertEquals("ready", r.readLine());
    }
    Files.createFile(go); // all three start logging together
    for (int c = 0; c < 3; c++) {
      assertTrue(children.get(c).waitFor(60, TimeUnit.SECONDS), "child " + c + " finished");
      assertEquals(0, children.get(c).exitValue());
      assertEquals("done", outs.get(c).readLine());
    }
    JsonlPredictionSource source = JsonlPredictionSource.of(file); // policy FAIL: any bad line throws
    List<String> ids;
    try (Stream<Prediction> s = source.open()) {
      ids = s.map(Prediction::id).collect(Collectors.toList());
    }
    assertEquals(3 * perChild, ids.size());
    assertEquals(3 * perChild, new HashSet<>(ids).size(), "every record exactly once");
    assertEquals(0, source.stats().truncated());
    // Each child's own records stay in its order.
    for (int c = 0; c < 3; c++) {
      String prefix = "p" + c + "-";
      List<String> mine = ids.stream().filter(i -> i.startsWith(prefix)).toList();
      for (int i = 0; i < perChild; i++) {
        assertEquals(prefix + i, mine.get(i));
      }
    }
  }

  @Test
  void syncModeChild_killedWithSigkillTwentyTimes_keepsEverySyncedRecordAndAtMostOneTornLine()
      throws Exception {
    Path file = dir.resolve("crash.jsonl");
    Random random = new Random(20261123L);
    Set<String> synced = new HashSet<>();
    for (int round = 0; round < 20; round++) {
      String prefix = "r" + round + "-";
      Process p = child(file, prefix, 10_000_000, Durability.SYNC, 20, "-");
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", out.readLine());
      AtomicInteger lastSynced = new AtomicInteger();
      Thread reader =
          new Thread(
              () -> {
                try {
                  String line;
                  while ((line = out.readLine()) != null) {
                    if (line.startsWith("synced ")) {
                      lastSynced.set(Integer.parseInt(line.substring(7)));
                    }
                  }
                } catch (IOException e) {
                  // the pipe closes when the child dies
                }
              });
      reader.start();
      while (lastSynced.get() == 0 && p.isAlive()) {
        Thread.onSpinWait();
      }
      Thread.sleep(random.nextInt(150));
      int seenBeforeKill = lastSynced.get();
      p.destroyForcibly(); // SIGKILL on Unix
      assertTrue(p.waitFor(10, TimeUnit.SECONDS));
      reader.join(5000);
      for (int i = 0; i < seenBeforeKill; i++) {
        synced.add(prefix + i);
      }

      JsonlPredictionSource source = JsonlPredictionSource.of(file); // FAIL: complete lines parse
      Set<String> present;
      try (Stream<Prediction> s = source.open()) {
        present = s.map(Prediction::id).collect(Collectors.toSet());
      }
      assertTrue(source.stats().truncated() <= 1, "round " + round + ": " + source.stats());
      for (String id : synced) {
        assertTrue(present.contains(id), "round " + round + ": synced record " + id + " is lost");
      }
    }
  }
}
