/**
 * Building blocks of the append-only JSONL logs: line scanning with a length limit, the JVM-wide
 * file lock table and path confinement. Internal: not API, may change at any time.
 */
@NullMarked
package dev.calibration.core.internal.log;

import org.jspecify.annotations.NullMarked;
