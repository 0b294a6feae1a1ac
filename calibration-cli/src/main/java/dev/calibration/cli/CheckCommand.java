package dev.calibration.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calibration.api.ProposalRisk;
import dev.calibration.api.VersionInfo;
import dev.calibration.core.registry.FileSystemRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code calibration check}: shows a version's validation and safety gates. */
@Command(
    name = "check",
    header = "Show a version's validation, safety gates and risk.",
    mixinStandardHelpOptions = true,
    description = {
      "Validates a version's config and prints its safety gates (name, severity, measured value,"
          + " threshold, pass or fail) and its risk. Exits 1 when it is blocked.",
    },
    footerHeading = "%nExamples:%n",
    footer = {"  calibration check cal-20261123-101500-3f9a2c"})
final class CheckCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Mixin RegistryOption registry;

  @Parameters(paramLabel = "ID", description = "The version id.")
  String id = "";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    FileSystemRegistry reg = Registries.open(registry.dir, root.clock(), false);
    VersionInfo v =
        reg.version(id)
            .orElseThrow(
                () -> CliException.usage("unknown version " + id + " in " + reg.directory()
                    + "; 'calibration status' lists them"));
    PrintWriter w = spec.commandLine().getOut();
    w.println(Show.version(v));
    Path vdir = reg.versionDirectory(id);
    JsonNode proposal = Proposals.read(vdir.resolve("proposal.json"));
    Proposals.printGates(proposal, w);
    List<String> problems =
        Registries.validator().problems(Files.readAllBytes(vdir.resolve("calibration.json")));
    if (problems.isEmpty()) {
      w.println("config: valid");
    } else {
      w.println("config: " + problems.size() + " problem(s)");
      problems.forEach(p -> w.println("  " + p));
    }
    if (v.risk() == ProposalRisk.HIGH || !problems.isEmpty()) {
      throw CliException.blocked(id + " is blocked: " + (problems.isEmpty() ? "high risk" : "invalid config"));
    }
    return ExitCodes.OK;
  }
}
