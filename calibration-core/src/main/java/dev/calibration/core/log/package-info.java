/**
 * The append-only prediction log: {@link dev.calibration.core.log.JsonlPredictionLogger} writes
 * it, {@link dev.calibration.core.log.JsonlPredictionSource} reads it back (also logs written by
 * other systems, through a {@link dev.calibration.core.log.FieldMapping}). The format and its
 * guarantees are described in {@code docs/prediction-log.md}.
 */
@NullMarked
package dev.calibration.core.log;

import org.jspecify.annotations.NullMarked;
