package dev.calibration.cli;

import dev.calibration.api.VersionInfo;
import dev.calibration.core.registry.FileSystemRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The version id.")
  String id = "";

  @Option(
      names = "--by",
      paramLabel = "WHO",
      defaultValue = "${sys:user.name}",
      description = "Who activates (default: the user name).")
  String by = "";

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      defaultValue = "activate",
      description = "Why (default: ${DEFAULT-VALUE}).")
  String reason = "activate";

  @Override
  public Integer call() {
    FileSystemRegistry reg = Registries.open(registry.dir, root.clock(), false);
    VersionInfo v = Registries.call(() -> reg.activate(id, by, reason));
    PrintWriter out = spec.commandLine().getOut();
    out.println("activated " + Show.version(v));
    out.println("active config: " + reg.directory().resolve("active.json"));
    out.println("roll back with: calibration rollback --registry " + registry.dir);
    return ExitCodes.OK;
  }
}
