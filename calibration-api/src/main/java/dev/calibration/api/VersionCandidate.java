package dev.calibration.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a caller submits to {@link CalibrationRegistry#propose}: the candidate config, the proposal
 * document that justifies it, the risk its safety gates assigned, and optional attachments such as
 * {@code report.md} and {@code report.html}.
 *
 * <p>Byte arrays are copied on the way in and on the way out, so an instance is immutable.
 *
 * @param config the candidate config as UTF-8 JSON (the calibration config format); not empty
 * @param proposal the proposal document as UTF-8 JSON (metrics, suggestions, checks, rationale)
 * @param risk the risk level assigned by the safety gates
 * @param attachments further files by simple file name (e.g. {@code "report.md"}); may be empty
 */
public record VersionCandidate(
    byte[] config, byte[] proposal, ProposalRisk risk, Map<String, byte[]> attachments) {

  /** Checks every field and copies the arrays. */
  public VersionCandidate {
    Checks.notNull(config, "config");
    if (config.length == 0) {
      throw new IllegalArgumentException("config must not be empty");
    }
    config = config.clone();
    proposal = Checks.notNull(proposal, "proposal").clone();
    Checks.notNull(risk, "risk");
    Checks.notNull(attachments, "attachments");
    Map<String, byte[]> copy = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : attachments.entrySet()) {
      String name = Checks.notBlank(e.getKey(), "attachments key");
      copy.put(name, Checks.notNull(e.getValue(), "attachments." + name).clone());
    }
    attachments = Collections.unmodifiableMap(copy);
  }

  /** A candidate without attachments. */
  public static VersionCandidate of(byte[] config, byte[] proposal, ProposalRisk risk) {
    return new VersionCandidate(config, proposal, risk, Map.of());
  }

  /** A copy of the config bytes. */
  @Override
  public byte[] config() {
    return config.clone();
  }

  /** A copy of the proposal bytes. */
  @Override
  public byte[] proposal() {
    return proposal.clone();
  }

  /** The attachments; each array is shared, so do not modify it. */
  @Override
  public Map<String, byte[]> attachments() {
    return attachments;
  }

  /** Equal when every array has equal content. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VersionCandidate)) {
      return false;
    }
    VersionCandidate other = (VersionCandidate) o;
    if (!Arrays.equals(config, other.config)
        || !Arrays.equals(proposal, other.proposal)
        || risk != other.risk
        || !attachments.keySet().equals(other.attachments.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : attachments.entrySet()) {
      if (!Arrays.equals(e.getValue(), other.attachments.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** A hash over the array contents. */
  @Override
  public int hashCode() {
    int h = Arrays.hashCode(config) * 31 + Arrays.hashCode(proposal);
    h = h * 31 + risk.hashCode();
    for (Map.Entry<String, byte[]> e : attachments.entrySet()) {
      h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
    }
    return h;
  }

  /** Sizes only, never the content. */
  @Override
  public String toString() {
    return "VersionCandidate[config="
        + config.length
        + " bytes, proposal="
        + proposal.length
        + " bytes, risk="
        + risk
        + ", attachments="
        + attachments.keySet()
        + "]";
  }
}
