package dev.calibration.core.internal.json;

import dev.calibration.api.Prediction;
import java.nio.charset.StandardCharsets;

/**
 * One-shot conveniences over {@link PredictionEncoder} and {@link PredictionDecoder} for the
 * version 1 line format. Hot loops should hold their own encoder or decoder instead: these
 * allocate one per call.
 */
public final class PredictionJson {
  private PredictionJson() {}

  /** The record as one UTF-8 JSON line, including the terminating {@code '\n'}. */
  public static byte[] toLine(Prediction p) {
    return new PredictionEncoder().encode(p).toByteArray();
  }

  /** The record as one JSON line without the terminating {@code '\n'}. */
  public static String toJson(Prediction p) {
    PredictionEncoder e = new PredictionEncoder().encode(p);
    return new String(e.buffer(), 0, e.length() - 1, StandardCharsets.UTF_8);
  }

  /** Reads one standard-format JSON line (with or without its {@code '\n'}). */
  public static Prediction fromLine(byte[] line) throws RecordFormatException {
    return new PredictionDecoder().decode(line, 0, line.length);
  }
}
