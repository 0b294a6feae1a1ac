package dev.calibration.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calibration.api.ProposalRisk;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads the parts of a {@code proposal.json} the workflow commands show: risk and checks. */
final class Proposals {
  private Proposals() {}

  static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CliException.data(file + ": no such file");
    }
    try {
      JsonNode root = Json.MAPPER.readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw CliException.data(file + ": not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw CliException.data(file + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The risk level at {@code risk.level}. */
  static ProposalRisk risk(JsonNode proposal, Path file) {
    JsonNode level = proposal.path("risk").path("level");
    try {
      return ProposalRisk.valueOf(level.asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CliException.data(
          file + ": field 'risk.level' must be LOW, MEDIUM or HIGH but was '" + level.asText() + "'",
          e);
    }
  }

  /** Prints the safety checks, one line each, then the risk. */
  static void printGates(JsonNode proposal, PrintWriter w) {
    w.println("safety checks:");
    for (JsonNode c : proposal.path("checks")) {
      w.printf(
          Locale.ROOT,
          "  %-4s %-8s %-28s measured %-10s threshold %-10s %s%n",
          c.path("passed").asBoolean() ? "pass" : "FAIL",
          c.path("severity").asText(),
          c.path("name").asText(),
          number(c.path("measured")),
          number(c.path("threshold")),
          c.path("message").asText());
    }
    JsonNode risk = proposal.path("risk");
    w.printf(
        Locale.ROOT,
        "risk %s (score %s)%s%n",
        risk.path("level").asText(),
        number(risk.path("score")),
        risk.path("blocking").asBoolean() ? ": blocked, it cannot be approved" : "");
  }

  private static String number(JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%.4g", n.asDouble()) : n.asText();
  }
}
