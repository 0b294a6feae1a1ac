package dev.calibration.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --registry DIR} option every workflow command shares. */
final class RegistryOption {
  @Option(
      names = {"-r", "--registry"},
      paramLabel = "DIR",
      defaultValue = "registry",
      description = "The registry directory (default: ${DEFAULT-VALUE}).")
  Path dir = Path.of("registry");
}
