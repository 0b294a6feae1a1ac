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

/** {@code calibration reject}: a named person rejects a proposed version. */
@Command(
    name = "reject",
    header = "Reject a proposed version (named person, reason).",
    mixinStandardHelpOptions = true,
    description = {"Records a named person's rejection of a proposed version in the audit log."},
    footerHeading = "%nExamples:%n",
    footer = {
      "  calibration reject cal-20261123-101500-3f9a2c --by bob --reason \"too few used_fair items\"",
    })
final class RejectCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Mixin RegistryOption registry;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The version id.")
  String id = "";

  @Option(names = "--by", paramLabel = "WHO", required = true, description = "Who rejects.")
  String by = "";

  @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why.")
  String reason = "";

  @Override
  public Integer call() {
    FileSystemRegistry reg = Registries.open(registry.dir, root.clock(), false);
    VersionInfo v = Registries.call(() -> reg.reject(id, by, reason));
    PrintWriter out = spec.commandLine().getOut();
    out.println("rejected " + Show.version(v));
    return ExitCodes.OK;
  }
}
