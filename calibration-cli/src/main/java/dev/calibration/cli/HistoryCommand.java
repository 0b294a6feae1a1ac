package dev.calibration.cli;

import dev.calibration.api.AuditEvent;
import dev.calibration.core.registry.FileSystemRegistry;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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
  @Spec CommandSpec spec;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "0",
      description = "Show only the last N events (0: all).")
  int limit;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw CliException.usage("--limit must be >= 0 but was " + limit);
    }
    FileSystemRegistry reg = Registries.open(registry.dir, root.clock(), false);
    List<AuditEvent> events = reg.history();
    int from = limit == 0 ? 0 : Math.max(0, events.size() - limit);
    PrintWriter out = spec.commandLine().getOut();
    out.println("  seq  time                  event        version                      actor        reason");
    for (AuditEvent e : events.subList(from, events.size())) {
      out.println(Show.event(e));
    }
    return ExitCodes.OK;
  }
}
