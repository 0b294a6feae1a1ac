/**
 * Value types and SPI interfaces of Calibration Loop.
 *
 * <p>Everything in this package is non-null unless marked {@code @Nullable}; an absent value is an
 * empty collection or an {@link java.util.Optional}. Value types are immutable and reject nulls at
 * construction with a message naming the field.
 */
@NullMarked
package dev.calibration.api;

import org.jspecify.annotations.NullMarked;
