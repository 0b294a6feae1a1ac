package dev.calibration.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

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
            + " when CALIBRATION_AUDIT_KEY is set). Exits 1 and names the first bad event when"
            + " the log was altered or truncated.",
      },
      footerHeading = "%nExamples:%n",
      footer = {"  calibration audit verify --registry registry"})
  static final class Verify implements Callable<Integer> {
    @ParentCommand AuditCommand audit;
    @Mixin RegistryOption registry;

    @Override
    public Integer call() {
      throw CliException.notBuilt("audit verify", "the registry (issue 6)");
    }
  }
}
