package dev.calibration.core.log;

/** What {@link JsonlPredictionLogger#log} does when it cannot take a record. */
public enum FaultPolicy {
  /**
   * Never throw into the host's prediction path: an I/O fault or a full buffer is counted,
   * reported through the fault callback and SLF4J, and the record is dropped after waiting at most
   * the configured maximum block time. The logger recovers when the storage does.
   */
  REPORT,
  /**
   * Throw a {@link LogWriteException} from {@code log} while the last write failed, or when the
   * buffer stays full past the maximum block time, for hosts that prefer to know at once.
   */
  FAIL_FAST
}
