package dev.calibration.api;

import java.util.stream.Stream;

/**
 * Streams the predictions of a run, in log order (the order they were made).
 *
 * <p>Small enough to stub with a lambda: {@code PredictionSource s = () -> Stream.of(p1, p2);}
 */
@FunctionalInterface
public interface PredictionSource {

  /**
   * Opens a new stream over the predictions. The caller must close it (try-with-resources); each
   * call starts from the beginning. Reading problems surface as {@link
   * java.io.UncheckedIOException} or an implementation's own typed exception naming the file and
   * line.
   */
  Stream<Prediction> open();
}
