package dev.calibration.core.internal.run;

/**
 * A problem met by the fast path: where it is (line within its block), its code, the field and the
 * reason; {@code fatal} problems are bad lines (fail the run or are skipped), the others are only
 * reported (a non-numeric outcome cell).
 */
record Problem(int localLine, String code, String field, String reason, boolean fatal) {}
