package dev.calibration.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code calibration status}: the active version and the versions awaiting a decision. */
@Command(
    name = "status",
    header = "Show the active version and what awaits a decision.",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the active version (id, who approved it, when it was activated), the versions"
          + " awaiting approval or activation, and whether the audit chain is intact.",
    },
    footerHeading = "%nExamples:%n",
    footer = {"  calibration status --registry /srv/pricing/registry"})
final class StatusCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Mixin RegistryOption registry;

  @Override
  public Integer call() {
    throw CliException.notBuilt("status", "the registry (issue 6)");
  }
}
