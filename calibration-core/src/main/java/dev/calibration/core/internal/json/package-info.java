/**
 * The JSON line codec of the prediction log (format version 1): a fast hand-rolled encoder and a
 * streaming Jackson decoder, shared by the log reader and the run. Internal: not API.
 */
@NullMarked
package dev.calibration.core.internal.json;

import org.jspecify.annotations.NullMarked;
