/**
 * Outcome sources: what really happened to each prediction, read from CSV or JSONL files (with a
 * column mapping) or held in memory for tests.
 */
@NullMarked
package dev.calibration.core.outcome;

import org.jspecify.annotations.NullMarked;
