/**
 * The calibration run: joins predictions to outcomes by id, counts every join policy, and measures
 * every metric overall, per segment, per model version and per calibration version.
 */
@NullMarked
package dev.calibration.core.run;

import org.jspecify.annotations.NullMarked;
