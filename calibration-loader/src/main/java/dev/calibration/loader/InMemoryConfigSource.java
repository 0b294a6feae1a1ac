package dev.calibration.loader;

import dev.calibration.api.ConfigFetch;
import dev.calibration.api.ConfigSource;
import dev.calibration.core.config.CalibrationConfig;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A config held in memory, for tests and for hosts that receive configs by other means. Setting a
 * document notifies the loaders watching it at once (they still debounce).
 *
 * <p>Concurrency design: the document is one volatile reference to an immutable fetch result;
 * watchers live in a copy-on-write list and are notified on the setting thread.
 */
public final class InMemoryConfigSource implements ConfigSource {

  /** Guarded by: volatile; replaced whole. */
  private volatile ConfigFetch current;

  /** Guarded by: volatile; replaced whole. */
  private volatile @Nullable IOException failure;

  private final CopyOnWriteArrayList<Runnable> watchers = new CopyOnWriteArrayList<>();
  private final AtomicLong fetches = new AtomicLong();

  InMemoryConfigSource(ConfigFetch initial) {
    this.current = initial;
  }

  /** Replaces the document and notifies watchers. The bytes are copied. */
  public void set(byte[] document) {
    current = ConfigFetch.of(document);
    failure = null;
    notifyWatchers();
  }

  /** Replaces the document with {@code config}'s canonical JSON and notifies watchers. */
  public void set(CalibrationConfig config) {
    set(config.toJson());
  }

  /** Removes the document (fetches then find it missing) and notifies watchers. */
  public void remove() {
    current = ConfigFetch.missing();
    failure = null;
    notifyWatchers();
  }

  /**
   * Makes every fetch fail with {@code error} until the next {@link #set} or {@link #remove}, and
   * notifies watchers: a stand-in for an unreachable store.
   */
  public void failWith(IOException error) {
    failure = error;
    notifyWatchers();
  }

  /** How many times a loader has fetched from this source. */
  public long fetchCount() {
    return fetches.get();
  }

  @Override
  public ConfigFetch fetch(Optional<String> knownTag, long maxBytes) throws IOException {
    fetches.incrementAndGet();
    IOException f = failure;
    if (f != null) {
      throw new IOException(f.getMessage(), f);
    }
    ConfigFetch c = current;
    if (c.size() > maxBytes) {
      throw new Limits.DocumentTooLargeException("the in-memory document", maxBytes);
    }
    return c;
  }

  @Override
  public Watch watch(Runnable changed) {
    watchers.add(changed);
    return () -> watchers.remove(changed);
  }

  private void notifyWatchers() {
    for (Runnable w : watchers) {
      w.run();
    }
  }

  @Override
  public String description() {
    return "memory";
  }
}
