package dev.calibration.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code calibration apply}: bounded factor overrides from a suggestions file. */
@Command(
    name = "apply",
    header = "Write bounded factor overrides from a run's suggestions.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Turns the factor suggestions of a run into an overrides file that a pricing engine reads at"
          + " start-up (opt-in, bounded). Every factor is clamped to [--min-factor, --max-factor];"
          + " the table of before and after values is printed.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calibration apply --suggestions calibration-out/calibration_suggestions.json \\",
      "      --out-overrides overrides.json",
      "  calibration apply --suggestions calibration_suggestions.json --dry-run --max-factor 1.1",
    })
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;

  @Option(
      names = "--suggestions",
      paramLabel = "FILE",
      required = true,
      description = "The suggestions file written by 'calibration run'.")
  Path suggestions = Path.of("calibration_suggestions.json");

  @Option(
      names = "--out-overrides",
      paramLabel = "FILE",
      description = "The overrides file to write (atomically). Required unless --dry-run.")
  @Nullable Path outOverrides;

  @Option(
      names = "--min-factor",
      paramLabel = "X",
      defaultValue = "0.5",
      description = "Lowest factor allowed (default: ${DEFAULT-VALUE}).")
  double minFactor = 0.5;

  @Option(
      names = "--max-factor",
      paramLabel = "X",
      defaultValue = "1.2",
      description = "Highest factor allowed (default: ${DEFAULT-VALUE}).")
  double maxFactor = 1.2;

  @Option(names = "--dry-run", description = "Print the table; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    throw CliException.notBuilt("apply", "factor overrides (issue 6)");
  }
}
