package dev.calibration.loader;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import dev.calibration.api.ConfigFetch;
import dev.calibration.api.ConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A config file, watched through its parent directory.
 *
 * <p>Watching the directory (not the file) is what makes every way of replacing a file visible:
 * an in-place write, an atomic rename over it, an editor's delete-and-create, and a Kubernetes
 * ConfigMap update, where {@code active.json} is a symlink through {@code ..data} and the update
 * swaps the {@code ..data} symlink (the only event may be the old directory's deletion). Every
 * event in the directory is reported; the loader debounces them and compares content hashes, so
 * unrelated events cost one read of a small file.
 *
 * <p>Concurrency design: {@link #fetch} keeps no state. Each {@link #watch} owns its {@link
 * WatchService} and one daemon thread, which ends when the watch is closed (closing the service
 * wakes the thread's blocking {@code take()}).
 */
final class FileConfigSource implements ConfigSource {

  private static final Logger LOG = LoggerFactory.getLogger(FileConfigSource.class);

  private final Path file;

  FileConfigSource(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  @Override
  public ConfigFetch fetch(Optional<String> knownTag, long maxBytes) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ConfigFetch.of(Limits.readAtMost(in, maxBytes, file.toString()));
    } catch (NoSuchFileException e) {
      return ConfigFetch.missing();
    }
  }

  @Override
  public Watch watch(Runnable changed) throws IOException {
    Path dir = file.getParent();
    if (dir == null) {
      throw new IOException("cannot watch " + file + ": it has no parent directory");
    }
    WatchService service = dir.getFileSystem().newWatchService();
    try {
      dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
    } catch (IOException | RuntimeException e) {
      service.close();
      throw e;
    }
    Thread t = new Thread(() -> loop(service, changed), "calibration-loader-watch[" + dir + "]");
    t.setDaemon(true);
    t.start();
    return () -> {
      try {
        service.close();
      } catch (IOException e) {
        LOG.debug("closing the watch service of {} failed", dir, e);
      }
      if (Thread.currentThread() != t) {
        try {
          t.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  private void loop(WatchService service, Runnable changed) {
    try {
      while (true) {
        WatchKey key = service.take();
        boolean any = !key.pollEvents().isEmpty();
        boolean valid = key.reset();
        if (any) {
          changed.run();
        }
        if (!valid) {
          // The directory itself went away; polling still covers the file.
          LOG.warn(
              "CAL-LOAD-008 stopped watching {}: the directory is gone; polling continues",
              file.getParent());
          changed.run();
          return;
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // closed: the watch is over
    }
  }

  @Override
  public String description() {
    return file.toString();
  }

  @Override
  public String toString() {
    return "file " + file;
  }
}
