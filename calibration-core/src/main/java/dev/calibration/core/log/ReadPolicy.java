package dev.calibration.core.log;

/** What {@link JsonlPredictionSource} does with a malformed line that is not the torn last line. */
public enum ReadPolicy {
  /** Throw a {@link LogReadException} naming the file, line, byte offset and problem. */
  FAIL,
  /** Skip the line, count it, and keep the first few reasons in {@link ReadStats#problems()}. */
  SKIP
}
