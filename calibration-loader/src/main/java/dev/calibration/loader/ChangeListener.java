package dev.calibration.loader;

import dev.calibration.api.CalibrationSnapshot;

/**
 * Told after the loader published a new snapshot. Listeners run on the loader's thread, in the
 * order they were registered; one that throws is logged ({@code CAL-LOAD-005}) and does not stop
 * the others or the loader. Keep them short: the next reload waits for them.
 */
@FunctionalInterface
public interface ChangeListener {

  /** The snapshot {@code before} was replaced by {@code after}, which is already current. */
  void onChange(CalibrationSnapshot before, CalibrationSnapshot after);
}
