/** Runnable host-application examples: how engines embed Calibration Loop. */
@NullMarked
package dev.calibration.examples;

import org.jspecify.annotations.NullMarked;
