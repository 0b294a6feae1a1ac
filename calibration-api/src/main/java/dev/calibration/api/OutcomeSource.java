package dev.calibration.api;

import java.util.stream.Stream;

/**
 * Streams outcomes to join with predictions by id.
 *
 * <p>Small enough to stub with a lambda: {@code OutcomeSource s = () -> Stream.of(o1, o2);}
 */
@FunctionalInterface
public interface OutcomeSource {

  /**
   * Opens a new stream over the outcomes, in source order (a later outcome for the same id
   * replaces an earlier one). The caller must close it; each call starts from the beginning.
   */
  Stream<Outcome> open();
}
