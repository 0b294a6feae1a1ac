package dev.calibration.core.log;

/**
 * How far a {@link JsonlPredictionLogger} takes each batch of records before it starts the next.
 * Whatever the mode, {@link JsonlPredictionLogger#flush()} and {@link JsonlPredictionLogger#sync()}
 * wait for everything logged before them.
 */
public enum Durability {
  /**
   * Records wait in process memory until a buffer fills or the flush interval passes, then go to
   * the operating system's page cache. Fastest; a JVM crash loses up to one interval.
   */
  BUFFERED,
  /**
   * Each batch is handed to the operating system as soon as the writer picks it up. A JVM crash
   * loses only what was not yet picked up; a machine crash may lose what the OS had not written.
   */
  FLUSH,
  /**
   * Each batch is handed to the operating system and forced to storage (fsync) before the next.
   * Many threads' records share one write and one fsync (group commit).
   */
  SYNC
}
