package dev.calibration.cli;

import dev.calibration.api.RegistryException;
import dev.calibration.core.calibrate.CalibrationMethods;
import dev.calibration.core.config.CalibrationConfig;
import dev.calibration.core.config.ConfigProblem;
import dev.calibration.core.config.MethodResolver;
import dev.calibration.core.registry.ConfigValidator;
import dev.calibration.core.registry.FileSystemRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Opens the file-system registry the way every workflow command needs it. */
final class Registries {
  /** The environment variable that, when set, holds the audit log's HMAC key. */
  static final String HMAC_VARIABLE = "CALIBRATION_AUDIT_KEY";

  private Registries() {}

  /**
   * Opens the registry in {@code dir}, with the full config validation (every problem with its
   * JSON path) and the HMAC key when {@value #HMAC_VARIABLE} is set.
   *
   * @param create whether a missing directory is created (only {@code propose} and the demo do)
   * @throws CliException (data) when {@code dir} is not a registry and {@code create} is false
   */
  static FileSystemRegistry open(Path dir, Clock clock, boolean create) {
    if (!create && !Files.isRegularFile(dir.resolve("audit.jsonl"))) {
      throw CliException.data(
          dir + ": not a registry (no audit.jsonl); give the directory with --registry DIR");
    }
    FileSystemRegistry.Builder b =
        FileSystemRegistry.builder(dir).clock(clock).validator(validator());
    String key = System.getenv(HMAC_VARIABLE);
    if (key != null && !key.isBlank()) {
      b.hmacKeyVariable(HMAC_VARIABLE);
    }
    try {
      return b.open();
    } catch (RegistryException e) {
      throw map(e);
    }
  }

  /** The config check the registry runs before approval and again before activation. */
  static ConfigValidator validator() {
    CalibrationMethods found = Methods.discover();
    MethodResolver methods =
        MethodResolver.of(found.names().stream().map(found::method).collect(Collectors.toList()));
    return config ->
        CalibrationConfig.check(config, "calibration.json", methods).errors().stream()
            .map(ConfigProblem::toString)
            .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The command's view of a refused registry operation: an unknown version is a bad argument (2);
   * a state, risk, approval or validation rule that blocks the change is 1; damaged or unreadable
   * registry files are 3.
   */
  static CliException map(RegistryException e) {
    String message = e.getMessage() == null ? e.code() : e.getMessage();
    return switch (e.code()) {
      case "CAL-REG-001", "CAL-REG-012", "CAL-REG-013" -> CliException.usage(message);
      case "CAL-REG-004", "CAL-REG-007", "CAL-REG-009", "CAL-REG-014", "CAL-REG-015" ->
          CliException.data(message, e);
      default -> CliException.blocked(message);
    };
  }

  /** Runs a registry operation, mapping its refusal to the command's exit codes. */
  static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (RegistryException e) {
      throw map(e);
    }
  }
}
