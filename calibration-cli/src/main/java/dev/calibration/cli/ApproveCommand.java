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

/** {@code calibration approve}: a named person approves a proposed version. */
@Command(
    name = "approve",
    header = "Approve a proposed version (named person, reason).",
    mixinStandardHelpOptions = true,
    description = {
      "Records a named person's approval of a proposed version in the audit log. A high-risk"
          + " version cannot be approved (exit 1). The approval is bound to the config's SHA-256.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calibration approve cal-20261123-101500-3f9a2c --by alice \\",
      "      --reason \"ECE down from 0.081 to 0.012 on the holdout; reviewed the report\"",
    })
final class ApproveCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Mixin RegistryOption registry;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The version id.")
  String id = "";

  @Option(names = "--by", paramLabel = "WHO", required = true, description = "Who approves.")
  String by = "";

  @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why.")
  String reason = "";

  @Override
  public Integer call() {
    FileSystemRegistry reg = Registries.open(registry.dir, root.clock(), false);
    VersionInfo v = Registries.call(() -> reg.approve(id, by, reason));
    PrintWriter out = spec.commandLine().getOut();
    out.println("approved " + Show.version(v));
    out.println("activate it with: calibration activate " + v.id() + " --registry " + registry.dir);
    return ExitCodes.OK;
  }
}
