package dev.calibration.core.internal.run;

/**
 * The byte-level scanner of one prediction line (placeholder: declines every line until the
 * scanner lands, so {@link TreeLine} reads them all).
 */
final class FastLine {
  FastLine(RunSpec spec) {}

  boolean parse(byte[] buf, int from, int to, PredictionBatch b) {
    return false;
  }
}
