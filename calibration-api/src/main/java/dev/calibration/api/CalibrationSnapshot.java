package dev.calibration.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The active calibration config as the host sees it: one immutable, complete view.
 *
 * <p>Implementations are immutable and thread-safe; reading one never locks. A host reads the
 * loader's current snapshot once per prediction (or per batch) and asks it everything, so all the
 * answers for that prediction come from one version.
 *
 * <p>Calibrator fallback: for a target and a segment key, the most specific segment rule that the
 * key {@linkplain SegmentKey#contains contains} applies (the rule with the most attributes; among
 * rules with as many attributes, the first in the config); when none matches, the target's default
 * calibrator; when the target has none, the identity.
 */
public interface CalibrationSnapshot {

  /**
   * The version of the config this snapshot was built from (e.g. {@code
   * "cal-20261123-101500-3f9a2c"}), or empty for a snapshot of defaults only. This is what the
   * prediction log records as the calibration version.
   */
  Optional<String> version();

  /**
   * The calibrator for {@code target} and {@code segment} after fallback (see the class comment);
   * an identity calibrator (method {@code "identity"}) when the target has no calibrator at all.
   */
  Calibrator calibrator(String target, SegmentKey segment);

  /**
   * The calibrated value of {@code score} for {@code target} in {@code segment}: the same as {@code
   * calibrator(target, segment).apply(score)}. Implementations make this allocation-free for a
   * key that is built once and reused.
   */
  double calibrate(String target, SegmentKey segment, double score);

  /**
   * Convenience for {@code calibrate(target, SegmentKey.of(segment), score)}. It builds a key on
   * every call; on a hot path build the {@link SegmentKey} once instead.
   */
  default double calibrate(String target, Map<String, String> segment, double score) {
    return calibrate(target, SegmentKey.of(segment), score);
  }

  /** The names of the targets that have at least one calibrator, in no particular order. */
  Set<String> targets();

  /**
   * The factor for {@code key} in {@code table} (e.g. {@code factor("CONDITION_PRICE_FACTOR",
   * "used_good")}): the config's value merged over the host's defaults and clamped to the table's
   * bounds; {@code 1.0} (no change) when neither the config nor the defaults name it.
   */
  double factor(String table, String key);

  /**
   * Every factor of {@code table} (defaults merged with the config, clamped), unmodifiable; empty
   * when the table is unknown.
   */
  Map<String, Double> factors(String table);

  /**
   * The member weights of {@code ensemble} (e.g. {@code weights("main")}), unmodifiable, summing to
   * one; empty when the ensemble is unknown.
   */
  Map<String, Double> weights(String ensemble);
}
