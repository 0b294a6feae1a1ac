package dev.calibration.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.calibration.api.ConfigFetch;
import dev.calibration.api.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads from a real file through the real directory watch. The poll is set to an hour so that
 * only watch events can cause a reload; waits are bounded polls of the loader's state, never fixed
 * sleeps.
 */
class FileReloadTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private Path file;
  private CalibrationLoader loader;
  private final AtomicLong fetches = new AtomicLong();

  private CalibrationLoader start(Duration debounce) throws IOException {
    file = dir.resolve("active.json");
    if (!Files.exists(file)) {
      Files.write(file, TestConfigs.bytes(1));
    }
    ConfigSource real = ConfigSources.file(file);
    ConfigSource counting =
        new ConfigSource() {
          @Override
          public ConfigFetch fetch(Optional<String> tag, long max) throws IOException {
            fetches.incrementAndGet();
            return real.fetch(tag, max);
          }

          @Override
          public Watch watch(Runnable changed) throws IOException {
            return real.watch(changed);
          }

          @Override
          public String description() {
            return real.description();
          }
        };
    loader =
        CalibrationLoader.builder()
            .source(counting)
            .methods(TestConfigs.METHODS)
            .debounce(debounce)
            .pollInterval(Duration.ofHours(1))
            .build();
    assertEquals(Optional.of("v1"), loader.currentVersion());
    return loader;
  }

  @AfterEach
  void close() {
    if (loader != null) {
      loader.close();
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        fail("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }

  private void awaitVersion(int n) {
    await("version v" + n, () -> Optional.of("v" + n).equals(loader.currentVersion()));
  }

  @Test
  void reload_inPlaceWrite_seen() throws IOException {
    start(Duration.ofMillis(20));
    Files.write(file, TestConfigs.bytes(2));
    awaitVersion(2);
  }

  @Test
  void reload_atomicRename_seen() throws IOException {
    start(Duration.ofMillis(20));
    Path tmp = dir.resolve(".active.json.tmp");
    Files.write(tmp, TestConfigs.bytes(2));
    Files.move(tmp, file, ATOMIC_MOVE, REPLACE_EXISTING);
    awaitVersion(2);
  }

  @Test
  void reload_threeEditorStyleRenameReplacesInARow_threeReloads() throws IOException {
    start(Duration.ofMillis(20));
    for (int n = 2; n <= 4; n++) {
      // An editor's save: keep a backup by renaming, write a new file, drop the backup.
      Path backup = dir.resolve("active.json~");
      Files.move(file, backup, REPLACE_EXISTING);
      Files.write(file, TestConfigs.bytes(n));
      Files.delete(backup);
      awaitVersion(n);
    }
    assertEquals(4, loader.status().reloads()); // the first load and three reloads
  }

  @Test
  void reload_newFileReplacingADeletedOne_seen() throws IOException {
    start(Duration.ofMillis(20));
    long checks = loader.status().checks();
    Files.delete(file);
    await("the deletion to be read", () -> loader.status().sourceMissing());
    assertEquals(Optional.of("v1"), loader.currentVersion(), "a deleted file keeps the last good");
    assertTrue(loader.status().checks() > checks);

    Files.write(file, TestConfigs.bytes(2));
    awaitVersion(2);
  }

  @Test
  void reload_kubernetesDataSymlinkSwap_seen() throws IOException {
    // The ConfigMap volume layout: active.json -> ..data/active.json, ..data -> ..<timestamp>/
    Path v1 = Files.createDirectory(dir.resolve("..2026_11_23_10_00_00.000000001"));
    Files.write(v1.resolve("active.json"), TestConfigs.bytes(1));
    Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
    Files.createSymbolicLink(dir.resolve("active.json"), Path.of("..data", "active.json"));
    start(Duration.ofMillis(20));

    // The kubelet's update: a new timestamped directory, a new link renamed over ..data, the old
    // directory deleted. active.json itself is never touched.
    Path v2 = Files.createDirectory(dir.resolve("..2026_11_23_10_05_00.000000002"));
    Files.write(v2.resolve("active.json"), TestConfigs.bytes(2));
    Path tmpLink = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
    Files.move(tmpLink, dir.resolve("..data"), ATOMIC_MOVE, REPLACE_EXISTING);
    try (Stream<Path> old = Files.walk(v1)) {
      old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    awaitVersion(2);
  }

  @Test
  void reload_touchWithoutContentChange_noReload() throws IOException {
    start(Duration.ofMillis(20));
    long checks = loader.status().checks();
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
    Files.write(file, TestConfigs.bytes(1)); // same bytes written again

    await("the touch to be read", () -> loader.status().checks() > checks);
    assertEquals(1, loader.status().reloads());
    assertEquals(Optional.of("v1"), loader.currentVersion());
  }

  @Test
  void reload_halfWrittenFile_neverSwappedIn() throws IOException {
    start(Duration.ofMillis(20));
    byte[] full = TestConfigs.bytes(2);
    byte[] half = java.util.Arrays.copyOf(full, full.length / 2);
    Files.write(file, half);
    await("the half-written file to be rejected", () -> loader.status().failures() >= 1);
    assertEquals(Optional.of("v1"), loader.currentVersion());
    assertEquals(Optional.of("CAL-LOAD-003"), loader.status().lastFailureCode());

    Files.write(file, full);
    awaitVersion(2);
  }

  @Test
  void reload_burstOf100Writes_atMostTwoLoads() throws IOException {
    start(Duration.ofMillis(300));
    long before = fetches.get();
    for (int n = 2; n <= 101; n++) {
      Path tmp = dir.resolve(".active.json.tmp");
      Files.write(tmp, TestConfigs.bytes(n));
      Files.move(tmp, file, ATOMIC_MOVE, REPLACE_EXISTING);
    }
    awaitVersion(101);
    long loads = fetches.get() - before;
    assertTrue(loads >= 1 && loads <= 2, "a burst of 100 writes caused " + loads + " loads");
  }

  @Test
  void fetch_fileOverTheLimit_failsNamingTheLimit() throws IOException {
    file = dir.resolve("big.json");
    Files.write(file, " ".repeat(2000).getBytes(UTF_8));
    IOException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IOException.class, () -> ConfigSources.file(file).fetch(Optional.empty(), 1000));
    assertTrue(e.getMessage().endsWith("is larger than the limit of 1000 bytes"), e.getMessage());
  }
}
