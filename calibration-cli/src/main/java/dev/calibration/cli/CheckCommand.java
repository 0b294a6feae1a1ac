package dev.calibration.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code calibration check}: shows a version's validation and safety gates. */
@Command(
    name = "check",
    header = "Show a version's validation, safety gates and risk.",
    mixinStandardHelpOptions = true,
    description = {
      "Validates a version's config and prints its safety gates (name, severity, measured value,"
          + " threshold, pass or fail) and its risk. Exits 1 when it is blocked.",
    },
    footerHeading = "%nExamples:%n",
    footer = {"  calibration check cal-20261123-101500-3f9a2c"})
final class CheckCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Mixin RegistryOption registry;

  @Parameters(paramLabel = "ID", description = "The version id.")
  String id = "";

  @Override
  public Integer call() {
    throw CliException.notBuilt("check", "the registry (issue 6)");
  }
}
