package dev.calibration.core.propose;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link WeightAdjuster#adjust}: the proposed weights of one ensemble, or, when no
 * weights satisfy every bound, the current weights unchanged and a message saying why.
 *
 * @param ensemble the ensemble's name, e.g. {@code "main"} or a target name
 * @param lossName the loss the members were compared in, e.g. {@code "brier"} or {@code "mae"}
 * @param feasible whether some weights satisfy every bound; when false nothing changes
 * @param before the current weights, by member, in the caller's order
 * @param after the proposed weights (equal to {@code before} when not feasible)
 * @param changes one entry per member with its reason (empty when not feasible)
 * @param message a one-line summary: what moved, or why nothing could
 */
public record WeightAdjustment(
    String ensemble,
    String lossName,
    boolean feasible,
    Map<String, Double> before,
    Map<String, Double> after,
    List<WeightChange> changes,
    String message) {

  /** Copies the collections. */
  public WeightAdjustment {
    Objects.requireNonNull(ensemble, "ensemble must not be null");
    Objects.requireNonNull(lossName, "lossName must not be null");
    before = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(before));
    after = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
    changes = List.copyOf(changes);
    Objects.requireNonNull(message, "message must not be null");
  }

  /** Whether any weight changes by more than {@code 1e-12}. */
  public boolean changesAnything() {
    return changes.stream().anyMatch(c -> Math.abs(c.delta()) > 1e-12);
  }
}
