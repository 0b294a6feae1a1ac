package dev.calibration.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

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

  @Parameters(paramLabel = "ID", description = "The version id.")
  String id = "";

  @Option(names = "--by", paramLabel = "WHO", required = true, description = "Who approves.")
  String by = "";

  @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why.")
  String reason = "";

  @Override
  public Integer call() {
    throw CliException.notBuilt("approve", "the registry (issue 6)");
  }
}
