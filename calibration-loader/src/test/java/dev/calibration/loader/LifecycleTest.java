package dev.calibration.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loader's threads are daemons with descriptive names, and close() ends every one of them. */
class LifecycleTest {

  private static List<Thread> loaderThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("calibration-loader"))
        .filter(Thread::isAlive)
        .collect(Collectors.toList());
  }

  @Test
  void close_fileLoaderWithWatchAndPoll_noThreadLeft(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("active.json");
    Files.write(file, TestConfigs.bytes(1));
    List<Thread> before = loaderThreads();

    CalibrationLoader loader =
        CalibrationLoader.builder()
            .source(ConfigSources.file(file))
            .methods(TestConfigs.METHODS)
            .pollInterval(Duration.ofMillis(50))
            .build();
    List<Thread> running = loaderThreads();
    running.removeAll(before);
    assertEquals(2, running.size(), () -> "expected a watcher and a scheduler: " + running);
    assertTrue(running.stream().allMatch(Thread::isDaemon));
    assertTrue(
        running.stream().anyMatch(t -> t.getName().startsWith("calibration-loader-watch[" + dir)),
        running::toString);
    assertTrue(
        running.stream().anyMatch(t -> t.getName().endsWith("[" + file + "]")), running::toString);

    loader.close();

    for (Thread t : running) {
      assertTrue(!t.isAlive(), t.getName() + " is still alive after close()");
    }
  }

  @Test
  void close_calledFromAChangeListener_doesNotDeadlock(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("active.json");
    Files.write(file, TestConfigs.bytes(1));
    CalibrationLoader[] self = new CalibrationLoader[1];
    java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    CalibrationLoader loader =
        CalibrationLoader.builder()
            .source(ConfigSources.file(file))
            .methods(TestConfigs.METHODS)
            .debounce(Duration.ZERO)
            .onChange(
                (b, a) -> {
                  if (self[0] != null) {
                    self[0].close();
                    closed.countDown();
                  }
                })
            .build();
    self[0] = loader;
    Files.write(file, TestConfigs.bytes(2));

    assertTrue(closed.await(20, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(loader.status().closed());
  }
}
