package dev.calibration.cli;

import dev.calibration.core.registry.AuditVerification;
import dev.calibration.core.registry.FileSystemRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code calibration audit}: commands on the audit log. */
@Command(
    name = "audit",
    header = "Commands on the audit log: verify.",
    mixinStandardHelpOptions = true,
    description = {"Commands on the registry's audit log."},
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;

  @Override
  public Integer call() {
    throw CliException.usage("say what to do with the audit log, e.g. 'calibration audit verify'");
  }

  /** {@code calibration audit verify}: checks the hash chain. */
  @Command(
      name = "verify",
      header = "Check the audit log's hash chain.",
      mixinStandardHelpOptions = true,
      description = {
        "Recomputes the audit log's hash chain and checks it against its anchor (and HMAC key,"
            + " when CALIBRATION_AUDIT_KEY is set). Exits 3 and names the first bad line when"
            + " the log was altered or truncated.",
      },
      footerHeading = "%nExamples:%n",
      footer = {"  calibration audit verify --registry registry"})
  static final class Verify implements Callable<Integer> {
    @ParentCommand AuditCommand audit;
    @Mixin RegistryOption registry;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      FileSystemRegistry reg = Registries.open(registry.dir, audit.root.clock(), false);
      AuditVerification v = reg.verify();
      PrintWriter out = spec.commandLine().getOut();
      out.println(reg.directory().resolve("audit.jsonl") + ": " + v.summary());
      if (v.ok()) {
        return ExitCodes.OK;
      }
      for (AuditVerification.Finding f : v.findings()) {
        out.println("  line " + f.line() + ": " + f.kind() + ": " + f.message());
      }
      throw CliException.data(
          reg.directory().resolve("audit.jsonl") + ":" + v.first().map(f -> f.line()).orElse(0)
              + ": the audit chain does not verify");
    }
  }
}
