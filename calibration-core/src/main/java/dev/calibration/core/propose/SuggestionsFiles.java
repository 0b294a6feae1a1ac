package dev.calibration.core.propose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calibration.core.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Writes a proposal's suggestions as the run outputs: a timestamped {@code
 * history/suggestions_YYYYMMDD_HHMMSS.json} that is never replaced, then the canonical {@code
 * calibration_suggestions.json}, each written atomically (temp file, fsync, rename).
 *
 * <p>The format, version 1:
 *
 * <pre>{@code
 * {"schema":1,"proposal":"cal-...","generated_at":"...",
 *  "factors":{"CONDITION_PRICE_FACTOR":{"new":{"current":1.0,"suggested":1.05,"n":20}}},
 *  "weights":{"main":{"xgb":{"current":0.3,"suggested":0.27}}},
 *  "calibrators":{"sell_p60":{"default":{"method":"platt","a":1.2,"b":-0.3},"segments":[]}}}
 * }</pre>
 *
 * <p>{@code calibrators} holds the proposed calibrators in the config format. A weight adjustment
 * that was not feasible is written with {@code suggested} equal to {@code current}.
 *
 * <p>Stateless and thread-safe; concurrent writers never share a history file name.
 */
public final class SuggestionsFiles {
  /** The canonical file's name. */
  public static final String CANONICAL = "calibration_suggestions.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SuggestionsFiles() {}

  /**
   * Writes both files into {@code dir}.
   *
   * @param dir the run's output directory
   * @param proposal the proposal whose suggestions to write
   * @param clock stamps the history file's name
   * @return the history file and the canonical file, in that order
   * @throws IOException when a file cannot be written; the canonical file then keeps its previous
   *     content
   */
  public static List<Path> write(Path dir, Proposal proposal, Clock clock) throws IOException {
    byte[] bytes = toJson(proposal);
    Path history = AtomicFiles.writeTimestamped(dir.resolve("history"), "suggestions", clock.instant(), bytes);
    Path canonical = dir.resolve(CANONICAL);
    AtomicFiles.write(canonical, bytes);
    return List.of(history, canonical);
  }

  /**
   * The suggestions document of a proposal.
   *
   * @param proposal the proposal
   * @return indented UTF-8 JSON
   */
  public static byte[] toJson(Proposal proposal) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", 1);
    root.put("proposal", proposal.id());
    root.put("generated_at", proposal.createdAt().toString());
    ObjectNode factors = root.putObject("factors");
    for (FactorSuggestion f : proposal.factors()) {
      ObjectNode table = factors.has(f.table()) ? (ObjectNode) factors.get(f.table()) : factors.putObject(f.table());
      ObjectNode e = table.putObject(f.key());
      e.put("current", f.current());
      e.put("suggested", f.suggested());
      e.put("n", f.n());
    }
    ObjectNode weights = root.putObject("weights");
    for (WeightAdjustment w : proposal.weights()) {
      ObjectNode ens = weights.putObject(w.ensemble());
      w.before()
          .forEach(
              (member, before) -> {
                ObjectNode e = ens.putObject(member);
                e.put("current", before);
                e.put("suggested", w.after().getOrDefault(member, before));
              });
    }
    ObjectNode calibrators = root.putObject("calibrators");
    try {
      JsonNode config = JSON.readTree(proposal.candidate().toJson()).path("calibrators");
      for (TargetEvaluation e : proposal.evaluations()) {
        if (e.calibrator().isPresent() && config.has(e.target())) {
          calibrators.set(e.target(), config.get(e.target()));
        }
      }
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot serialise the suggestions of " + proposal.id(), e);
    }
  }
}
