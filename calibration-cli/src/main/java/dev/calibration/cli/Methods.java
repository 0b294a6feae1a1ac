package dev.calibration.cli;

import dev.calibration.api.CalibrationMethod;
import dev.calibration.core.calibrate.CalibrationMethods;

/** Resolves method names given on the command line through the SPI. */
final class Methods {
  private Methods() {}

  /** The methods on the class path (the command's own instance; discovery is not a static). */
  static CalibrationMethods discover() {
    return CalibrationMethods.discover(Methods.class.getClassLoader());
  }

  /**
   * The method registered as {@code name}.
   *
   * @throws CliException (usage) naming the known methods when there is none by that name
   */
  static CalibrationMethod resolve(String name) {
    try {
      return discover().method(name);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.usage(e.getMessage() == null ? "unknown method " + name : e.getMessage());
    }
  }
}
