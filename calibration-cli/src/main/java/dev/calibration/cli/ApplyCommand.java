package dev.calibration.cli;

import dev.calibration.core.overrides.FactorBounds;
import dev.calibration.core.overrides.OverridesApply;
import dev.calibration.core.overrides.OverridesException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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

  @Option(
      names = "--table",
      paramLabel = "NAME",
      description = "A factor table that may be overridden; repeat (default: CONDITION_PRICE_FACTOR).")
  List<String> tables = new ArrayList<>(List.of(OverridesApply.DEFAULT_TABLE));

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (outOverrides == null && !dryRun) {
      throw CliException.usage("--out-overrides FILE is required unless --dry-run");
    }
    if (!Files.isRegularFile(suggestions)) {
      throw CliException.data(suggestions + ": no such file");
    }
    FactorBounds bounds;
    try {
      bounds = new FactorBounds(minFactor, maxFactor);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(String.valueOf(e.getMessage()));
    }
    OverridesApply apply =
        OverridesApply.withDefaults().allowedTables(new LinkedHashSet<>(tables)).bounds(bounds);
    Path target = outOverrides == null ? Path.of("overrides.json") : outOverrides;
    OverridesApply.Result r;
    try {
      r = dryRun ? apply.dryRun(suggestions, target) : apply.apply(suggestions, target);
    } catch (OverridesException e) {
      throw CliException.data(String.valueOf(e.getMessage()), e);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "%-24s %-12s %9s %9s %9s%n", "table", "key", "before", "suggested", "after");
    for (OverridesApply.Change c : r.changes()) {
      w.printf(
          Locale.ROOT,
          "%-24s %-12s %9s %9.4f %9.4f%s%n",
          c.table(),
          c.key(),
          c.before().map(b -> String.format(Locale.ROOT, "%.4f", b)).orElse("-"),
          c.suggested(),
          c.after(),
          c.clamped() ? "  (clamped to [" + minFactor + ", " + maxFactor + "])" : "");
    }
    for (OverridesApply.Skipped k : r.skipped()) {
      w.println("skipped " + k.field() + ": " + k.reason());
    }
    w.println(
        r.written()
            ? "wrote " + r.changes().size() + " factor(s) to " + r.target()
            : "dry run: nothing written");
    return ExitCodes.OK;
  }
}
