package dev.calibration.api;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a calibration config document comes from: a file, a class path resource, memory, a URL, or
 * anything a host adds (a database, a secrets store).
 *
 * <p>The loader calls {@link #fetch} from its own thread, never concurrently for one source. An
 * implementation only has to return the current bytes; the loader hashes them, skips unchanged
 * content, validates, and keeps the last good config when a fetch fails. A source that can tell
 * when its content changed also implements {@link #watch}; the loader polls every source anyway,
 * as a safety net.
 *
 * <p>Small enough to stub with a lambda: {@code (tag, max) -> ConfigFetch.of(bytes)}.
 */
@FunctionalInterface
public interface ConfigSource {

  /**
   * Reads the current document.
   *
   * @param knownTag the tag of the last document this loader accepted from this source (e.g. an
   *     HTTP {@code ETag}), or empty; a source that supports conditional reads returns {@link
   *     ConfigFetch#notModified()} when its document still has this tag
   * @param maxBytes the largest document the loader accepts; a source stops reading and throws
   *     when the document is larger
   * @return the document, {@link ConfigFetch#missing()} when there is no document (a deleted file,
   *     an HTTP 404), or {@link ConfigFetch#notModified()}
   * @throws IOException when the source cannot be read (an HTTP 500, a time-out, a document over
   *     {@code maxBytes}); the loader keeps its last good snapshot and reports the message
   */
  ConfigFetch fetch(Optional<String> knownTag, long maxBytes) throws IOException;

  /**
   * Starts telling {@code changed} when the document may have changed, for a source that can.
   * {@code changed} is cheap and may be called spuriously or many times in a burst; the loader
   * debounces it and then calls {@link #fetch}. This default does not watch: the source is polled
   * only, which is correct for every source, merely slower to notice a change.
   *
   * @return a handle whose {@link Watch#close()} stops the notifications and any thread the watch
   *     started
   * @throws IOException when the watch cannot be started (the loader then polls only)
   */
  default Watch watch(Runnable changed) throws IOException {
    return () -> {};
  }

  /** A description for logs and errors, e.g. the file path or the URL. */
  default String description() {
    return getClass().getName();
  }

  /** A running watch; closing it is idempotent. */
  @FunctionalInterface
  interface Watch extends AutoCloseable {
    /** Stops the watch and any thread it started. */
    @Override
    void close();
  }
}
