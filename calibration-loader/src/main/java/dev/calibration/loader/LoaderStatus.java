package dev.calibration.loader;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a loader has done: the active version, the last success and the last failure with its
 * reason. A point-in-time copy; get a fresh one from {@link CalibrationLoader#status()}.
 *
 * @param source the source's description
 * @param version the version of the current snapshot; empty while defaults apply
 * @param usingDefaults whether the current snapshot is the defaults (no config loaded, or the
 *     source went missing and the loader is set to fall back)
 * @param sourceMissing whether the last read found no document at the source
 * @param lastCheck when the source was last read
 * @param lastSuccess when a new snapshot was last published
 * @param lastFailure when a reload last failed
 * @param lastFailureCode the code of that failure, e.g. {@code CAL-LOAD-003}
 * @param lastFailureReason the message of that failure
 * @param checks how many times the source was read
 * @param reloads how many snapshots were published (the first config counts; the defaults a
 *     loader starts with do not)
 * @param failures how many reloads failed (each bad content and each new read error counts once)
 * @param closed whether the loader was closed
 */
public record LoaderStatus(
    String source,
    Optional<String> version,
    boolean usingDefaults,
    boolean sourceMissing,
    Optional<Instant> lastCheck,
    Optional<Instant> lastSuccess,
    Optional<Instant> lastFailure,
    Optional<String> lastFailureCode,
    Optional<String> lastFailureReason,
    long checks,
    long reloads,
    long failures,
    boolean closed) {

  /** Checks that nothing is null. */
  public LoaderStatus {
    Objects.requireNonNull(source, "source must not be null");
    Objects.requireNonNull(version, "version must not be null");
    Objects.requireNonNull(lastCheck, "lastCheck must not be null");
    Objects.requireNonNull(lastSuccess, "lastSuccess must not be null");
    Objects.requireNonNull(lastFailure, "lastFailure must not be null");
    Objects.requireNonNull(lastFailureCode, "lastFailureCode must not be null");
    Objects.requireNonNull(lastFailureReason, "lastFailureReason must not be null");
  }
}
