package dev.calibration.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * Checks a candidate config before it may be approved and again before it is activated.
 *
 * <p>Returns every problem found, each naming its JSON path; an empty list means valid. The
 * registry stays independent of the config format by going through this interface; a host wires in
 * the full config validation (for example {@code CalibrationConfig.parse(...).validate(...)}).
 */
@FunctionalInterface
public interface ConfigValidator {

  /**
   * Every problem with {@code config}, each a sentence naming the JSON path; empty when valid.
   *
   * @param config the config file's bytes (UTF-8 JSON)
   */
  List<String> problems(byte[] config);

  /**
   * The default check: the bytes parse as a JSON object whose {@code schema} member is the integer
   * 1.
   */
  static ConfigValidator schemaOne() {
    ObjectMapper mapper = new ObjectMapper();
    return config -> {
      JsonNode root;
      try {
        root = mapper.readTree(config);
      } catch (IOException e) {
        return List.of("$: not valid JSON: " + e.getMessage());
      }
      if (root == null || !root.isObject()) {
        return List.of("$: must be a JSON object");
      }
      JsonNode schema = root.get("schema");
      if (schema == null) {
        return List.of("$.schema: missing; expected 1");
      }
      if (!schema.isIntegralNumber() || schema.asLong() != 1) {
        return List.of("$.schema: expected 1 but was " + schema);
      }
      return List.of();
    };
  }
}
