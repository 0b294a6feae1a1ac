package dev.calibration.cli;

import dev.calibration.api.VersionInfo;
import dev.calibration.api.VersionStatus;
import dev.calibration.core.registry.FileSystemRegistry;
import dev.calibration.core.registry.RepairReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    FileSystemRegistry reg = Registries.open(registry.dir, root.clock(), false);
    PrintWriter out = spec.commandLine().getOut();
    out.println("registry " + reg.directory());
    out.println("active:  " + reg.active().map(Show::version).orElse("none (hosts run on their defaults)"));
    List<VersionInfo> waiting =
        reg.versions().stream()
            .filter(
                v ->
                    v.status() == VersionStatus.PROPOSED
                        || v.status() == VersionStatus.PENDING_APPROVAL
                        || v.status() == VersionStatus.APPROVED)
            .collect(Collectors.toList());
    out.println("awaiting a decision: " + (waiting.isEmpty() ? "none" : waiting.size()));
    for (VersionInfo v : waiting) {
      out.println("  " + Show.version(v));
    }
    out.println("versions: " + reg.versions().size());
    out.println(reg.verify().summary());
    RepairReport repairs = reg.openReport();
    for (String r : repairs.repairs()) {
      out.println("repaired on open: " + r);
    }
    for (String p : repairs.problems()) {
      out.println("problem: " + p);
    }
    return ExitCodes.OK;
  }
}
