package dev.calibration.core.propose;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a proposal came from, so that the same input can be shown to give the same proposal.
 *
 * @param dataFingerprint SHA-256 (hex) over every target's name, predictions, outcomes and times
 * @param seed the seed given to the build (recorded for methods that randomise)
 * @param libraryVersion the version of this library that built the proposal
 * @param replacesVersion the version of the config the proposal would replace, if any
 * @param holdoutFraction the share of the latest rows held out for evaluation
 * @param methodsTried the calibration methods tried, by name
 */
public record Provenance(
    String dataFingerprint,
    long seed,
    String libraryVersion,
    Optional<String> replacesVersion,
    double holdoutFraction,
    List<String> methodsTried) {
  /** Checks the fields. */
  public Provenance {
    Objects.requireNonNull(dataFingerprint, "dataFingerprint must not be null");
    Objects.requireNonNull(libraryVersion, "libraryVersion must not be null");
    Objects.requireNonNull(replacesVersion, "replacesVersion must not be null");
    methodsTried = List.copyOf(methodsTried);
  }
}
