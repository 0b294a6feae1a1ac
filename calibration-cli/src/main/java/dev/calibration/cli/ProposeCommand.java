package dev.calibration.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calibration.api.ProposalRisk;
import dev.calibration.api.VersionCandidate;
import dev.calibration.api.VersionInfo;
import dev.calibration.core.registry.FileSystemRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code calibration propose}: registers a run's candidate as a new version. */
@Command(
    name = "propose",
    header = "Register a run's candidate as a proposed version.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Registers the candidate config and proposal that 'calibration run' wrote as a new version"
          + " in the registry (state: proposed), validates it and prints the safety gates and the"
          + " risk level. Exits 1 when the proposal is high risk or invalid: it cannot be approved.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calibration propose --run calibration-out --registry registry",
    })
final class ProposeCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Mixin RegistryOption registry;

  @Option(
      names = "--run",
      paramLabel = "DIR",
      defaultValue = "calibration-out",
      description =
          "The output directory of 'calibration run', holding proposal.json and calibration.json"
              + " (default: ${DEFAULT-VALUE}).")
  Path run = Path.of("calibration-out");

  @Option(
      names = "--by",
      paramLabel = "WHO",
      defaultValue = "${sys:user.name}",
      description = "Who proposes (default: the user name).")
  String by = "";

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why (default: 'proposed from' the run directory).")
  @Nullable String reason;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    VersionInfo v =
        propose(root, registry.dir, run, by, reason == null ? "proposed from " + run : reason);
    PrintWriter w = spec.commandLine().getOut();
    JsonNode proposal = Proposals.read(run.resolve("proposal.json"));
    Proposals.printGates(proposal, w);
    w.println("proposed " + Show.version(v));
    if (v.risk() == ProposalRisk.HIGH) {
      throw CliException.blocked(
          v.id() + " is high risk: it is recorded but cannot be approved; see the failed checks");
    }
    w.println(
        "review it, then: calibration approve " + v.id() + " --by NAME --reason TEXT --registry "
            + registry.dir);
    return ExitCodes.OK;
  }

  private static final DateTimeFormatter ID_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Registers the run's candidate in the registry and validates it; the version is left pending
   * approval, or proposed with the validation problems printed when it is invalid (exit 1).
   */
  static VersionInfo propose(
      CalibrationCommand root, Path registryDir, Path run, String by, String reason) {
    Path configFile = run.resolve("calibration.json");
    Path proposalFile = run.resolve("proposal.json");
    if (!Files.isRegularFile(configFile)) {
      throw CliException.data(
          configFile + ": no such file; give the output directory of 'calibration run' with --run");
    }
    JsonNode proposal = Proposals.read(proposalFile);
    ProposalRisk risk = Proposals.risk(proposal, proposalFile);
    Map<String, byte[]> attachments = new LinkedHashMap<>();
    try {
      byte[] config = Files.readAllBytes(configFile);
      byte[] proposalBytes = Files.readAllBytes(proposalFile);
      // The registry names the version cal-<time>-<SHA-256 of the config>. With its clock fixed
      // for this call the id is known in advance, so the reports' commands can name it instead
      // of the proposal's own id.
      Instant now = root.clock().instant();
      String expectedId = "cal-" + ID_STAMP.format(now) + "-" + sha256(config).substring(0, 6);
      String proposalId = proposal.path("id").asText("");
      for (String name : new String[] {"report.md", "report.json", "report.html"}) {
        Path f = run.resolve(name);
        if (Files.isRegularFile(f)) {
          byte[] bytes = Files.readAllBytes(f);
          if (!proposalId.isEmpty()) {
            bytes =
                new String(bytes, StandardCharsets.UTF_8)
                    .replace(proposalId, expectedId)
                    .getBytes(StandardCharsets.UTF_8);
          }
          attachments.put(name, bytes);
        }
      }
      FileSystemRegistry reg =
          Registries.open(registryDir, Clock.fixed(now, ZoneOffset.UTC), true);
      VersionInfo v =
          Registries.call(
              () ->
                  reg.propose(
                      new VersionCandidate(config, proposalBytes, risk, attachments), by, reason));
      if (!v.id().equals(expectedId)) {
        throw new IllegalStateException(
            "the registry named the version " + v.id() + " but " + expectedId + " was expected");
      }
      return Registries.call(() -> reg.validate(v.id(), by));
    } catch (IOException e) {
      throw CliException.data("cannot read " + run + ": " + e.getMessage(), e);
    }
  }
}
