package dev.calibration.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code calibration history}: the audit log as a table. */
@Command(
    name = "history",
    header = "List the audit log's events.",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the registry's audit events, oldest first: sequence, time, event, version, who, why.",
    },
    footerHeading = "%nExamples:%n",
    footer = {"  calibration history --limit 20"})
final class HistoryCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Mixin RegistryOption registry;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "0",
      description = "Show only the last N events (0: all).")
  int limit;

  @Override
  public Integer call() {
    throw CliException.notBuilt("history", "the registry (issue 6)");
  }
}
