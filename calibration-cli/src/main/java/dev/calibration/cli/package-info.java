/** The {@code calibration} command line. */
@NullMarked
package dev.calibration.cli;

import org.jspecify.annotations.NullMarked;
