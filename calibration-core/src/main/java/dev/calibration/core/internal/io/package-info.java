/** File-system helpers shared inside calibration-core. Internal: not API, may change at any time. */
@NullMarked
package dev.calibration.core.internal.io;

import org.jspecify.annotations.NullMarked;
