package dev.calibration.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code calibration run}: join, measure, fit, suggest. */
@Command(
    name = "run",
    header = "Join predictions with outcomes, measure, fit and suggest.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Joins logged predictions with outcomes by id, measures accuracy and calibration (overall,"
          + " per segment, per model and calibration version), fits a calibrator per probability"
          + " target, suggests bounded factor and ensemble-weight changes, and writes:",
      "  DIR/history/metrics_YYYYMMDD_HHMMSS.json",
      "  DIR/history/suggestions_YYYYMMDD_HHMMSS.json",
      "  DIR/calibration_suggestions.json   (the canonical, latest suggestions)",
      "  DIR/proposal.json, DIR/calibration.json   (the candidate for 'calibration propose')",
      "Prints a short summary; --json prints it as JSON for scripts.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calibration run --predictions predictions.jsonl --outcomes outcomes.csv \\",
      "      --target sell_p60=sold_60d --target price=realized_price --segment-by condition",
      "  calibration run --predictions predictions.jsonl --outcomes outcomes.csv \\",
      "      --target price=realized_price --segment-by condition \\",
      "      --factor-table price=CONDITION_PRICE_FACTOR:condition --current registry/active.json",
      "  calibration run --predictions logs/2026-10.jsonl --predictions logs/2026-11.jsonl \\",
      "      --outcomes settled.csv --target win_p=won --ensemble win_p=main \\",
      "      --current registry/active.json --method platt --out runs/nov --json",
    })
final class RunCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;

  @Option(
      names = "--predictions",
      paramLabel = "FILE",
      required = true,
      description = "A prediction log (JSONL); repeat for several files.")
  List<Path> predictions = new ArrayList<>();

  @Option(
      names = "--outcomes",
      paramLabel = "FILE",
      required = true,
      description = "Outcomes: CSV with a header row, or JSONL (by extension); repeat for several.")
  List<Path> outcomes = new ArrayList<>();

  @Option(
      names = "--target",
      paramLabel = "P=O",
      required = true,
      description =
          "Maps a predicted value to an outcome column, e.g. sell_p60=sold_60d; repeat per target.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "--segment-by",
      paramLabel = "KEY",
      description = "A segment attribute to measure and calibrate by; repeat for several.")
  List<String> segmentBy = new ArrayList<>();

  @Option(
      names = "--method",
      paramLabel = "NAME",
      defaultValue = "auto",
      description =
          "Calibration method, or 'auto' to pick the best on a time-ordered holdout"
              + " (default: ${DEFAULT-VALUE}).")
  String method = "auto";

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "calibration-out",
      description = "Where the files go (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("calibration-out");

  @Option(
      names = "--on-bad-line",
      paramLabel = "POLICY",
      defaultValue = "fail",
      description =
          "fail: stop at the first malformed record (exit 3, naming file and line); skip: count"
              + " and skip it (default: ${DEFAULT-VALUE}).")
  BadLinePolicy onBadLine = BadLinePolicy.FAIL;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Seed for the holdout split and fitting (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--factor-table",
      paramLabel = "T=TABLE:KEY",
      description =
          "Suggest the factors of TABLE for value target T, one per value of segment attribute"
              + " KEY, e.g. price=CONDITION_PRICE_FACTOR:condition.")
  Map<String, String> factorTables = new LinkedHashMap<>();

  @Option(
      names = "--ensemble",
      paramLabel = "T=NAME",
      description =
          "Adjust the weights of ensemble NAME from the members of target T, e.g. win_p=main"
              + " (needs --current with weights for NAME).")
  Map<String, String> ensembles = new LinkedHashMap<>();

  @Option(
      names = "--current",
      paramLabel = "FILE",
      description =
          "The config in use (e.g. the registry's active.json): the candidate builds on it and"
              + " its factors and weights are the starting point.")
  @Nullable Path current;

  @Option(
      names = "--outcome-id",
      paramLabel = "COLUMN",
      defaultValue = "id",
      description = "The outcomes' id column (default: ${DEFAULT-VALUE}).")
  String outcomeId = "id";

  @Option(
      names = "--outcome-timestamp",
      paramLabel = "COLUMN",
      description =
          "The outcomes' timestamp column (default: ts or timestamp when the CSV header has one).")
  @Nullable String outcomeTimestamp;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    RunPipeline.Request request =
        new RunPipeline.Request(
            predictions,
            outcomes,
            targets,
            segmentBy,
            method,
            out,
            onBadLine == BadLinePolicy.SKIP,
            seed,
            factorTables,
            ensembles,
            Optional.ofNullable(current),
            outcomeId,
            Optional.ofNullable(outcomeTimestamp));
    RunPipeline.Outcome result;
    try (Progress progress = root.progress()) {
      result = RunPipeline.execute(request, root.clock(), progress);
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(RunPipeline.summaryJson(result));
    } else {
      RunPipeline.printSummary(result, w);
    }
    return ExitCodes.OK;
  }

  /** What to do with a malformed record. */
  enum BadLinePolicy {
    FAIL,
    SKIP
  }
}
