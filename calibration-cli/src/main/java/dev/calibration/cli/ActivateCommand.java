package dev.calibration.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code calibration activate}: makes an approved version the active config. */
@Command(
    name = "activate",
    header = "Make an approved version the active config.",
    mixinStandardHelpOptions = true,
    description = {
      "Writes an approved version to active.json atomically (temp file, fsync, rename), archives"
          + " the previous one and records the activation in the audit log. Refuses a version"
          + " that is not approved (exit 1). Running hosts pick it up on their next reload.",
    },
    footerHeading = "%nExamples:%n",
    footer = {"  calibration activate cal-20261123-101500-3f9a2c --by alice"})
final class ActivateCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Mixin RegistryOption registry;

  @Parameters(paramLabel = "ID", description = "The version id.")
  String id = "";

  @Option(
      names = "--by",
      paramLabel = "WHO",
      defaultValue = "${sys:user.name}",
      description = "Who activates (default: the user name).")
  String by = "";

  @Override
  public Integer call() {
    throw CliException.notBuilt("activate", "the registry (issue 6)");
  }
}
