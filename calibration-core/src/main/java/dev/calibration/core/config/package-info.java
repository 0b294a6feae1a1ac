/**
 * The calibration config format (version 1): what the registry activates and the loader reads.
 *
 * <p>{@link dev.calibration.core.config.CalibrationConfig} parses, writes (canonical JSON) and
 * validates a config document, reporting every problem at once with its JSON path. Error codes
 * {@code CAL-CFG-nnn} are documented in {@code docs/errors.md}.
 */
@NullMarked
package dev.calibration.core.config;

import org.jspecify.annotations.NullMarked;
