package dev.calibration.core.log;

/**
 * Counters of a {@link JsonlPredictionLogger} since it was opened. A snapshot: each counter is read
 * once, not all at one instant.
 *
 * @param accepted records taken into the buffer by {@code log}
 * @param written records written to the file (handed to the OS)
 * @param duplicates records not written because their id was seen within the dedup window
 * @param dropped records not written because the buffer stayed full or they were too large
 * @param faults I/O faults met while writing (each failed batch attempt counts once)
 * @param bytesWritten bytes written to the file
 * @param tornBytesCut bytes of torn trailing lines cut back (see {@code docs/prediction-log.md})
 */
public record LoggerStats(
    long accepted,
    long written,
    long duplicates,
    long dropped,
    long faults,
    long bytesWritten,
    long tornBytesCut) {}
