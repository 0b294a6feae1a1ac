package dev.calibration.cli;

import dev.calibration.api.VersionInfo;
import dev.calibration.core.registry.FileSystemRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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
  @Spec CommandSpec spec;

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
    FileSystemRegistry reg = Registries.open(registry.dir, root.clock(), false);
    String from = reg.active().map(VersionInfo::id).orElse("(none)");
    String target = id;
    VersionInfo v =
        Registries.call(
            () -> target == null ? reg.rollback(by, reason) : reg.rollbackTo(target, by, reason));
    PrintWriter out = spec.commandLine().getOut();
    out.println("rolled back from " + from + " to " + Show.version(v));
    out.println("active config: " + reg.directory().resolve("active.json"));
    return ExitCodes.OK;
  }
}
