package dev.calibration.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code calibration propose}: registers a run's candidate as a new version. */
@Command(
    name = "propose",
    header = "Register a run's candidate as a proposed version.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Registers the candidate config and proposal that 'calibration run' wrote as a new version"
          + " in the registry (state: proposed), validates it and prints the safety gates and the"
          + " risk level. Exits 1 when the proposal is high risk or invalid: it cannot be approved.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calibration propose --run calibration-out --registry registry",
    })
final class ProposeCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Mixin RegistryOption registry;

  @Option(
      names = "--run",
      paramLabel = "DIR",
      defaultValue = "calibration-out",
      description =
          "The output directory of 'calibration run', holding proposal.json and calibration.json"
              + " (default: ${DEFAULT-VALUE}).")
  Path run = Path.of("calibration-out");

  @Override
  public Integer call() {
    throw CliException.notBuilt("propose", "the registry (issue 6) and proposals (issue 5)");
  }
}
