package dev.calibration.cli;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code calibration rollback}: goes back to the previous (or a named) version. */
@Command(
    name = "rollback",
    header = "Go back to the previous (or a named) version.",
    mixinStandardHelpOptions = true,
    description = {
      "Makes the previously active version active again, or the approved version ID when given."
          + " Atomic and recorded in the audit log like an activation.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calibration rollback --by oncall --reason \"sell-through alerts after 10:15\"",
      "  calibration rollback cal-20261020-090000-a1b2c3 --by oncall",
    })
final class RollbackCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Mixin RegistryOption registry;

  @Parameters(
      paramLabel = "ID",
      arity = "0..1",
      description = "The version to go back to (default: the previously active one).")
  @Nullable String id;

  @Option(
      names = "--by",
      paramLabel = "WHO",
      defaultValue = "${sys:user.name}",
      description = "Who rolls back (default: the user name).")
  String by = "";

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      defaultValue = "rollback",
      description = "Why (default: ${DEFAULT-VALUE}).")
  String reason = "rollback";

  @Override
  public Integer call() {
    throw CliException.notBuilt("rollback", "the registry (issue 6)");
  }
}
