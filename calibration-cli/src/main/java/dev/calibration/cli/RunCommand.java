package dev.calibration.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

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
      "  calibration run --predictions 'logs/2026-10.jsonl' --predictions 'logs/2026-11.jsonl' \\",
      "      --outcomes settled.csv --target win_p=won --method platt --out runs/nov --json",
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

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Override
  public Integer call() {
    throw CliException.notBuilt("run", "the calibration run (join and metrics, issue 4)");
  }

  /** What to do with a malformed record. */
  enum BadLinePolicy {
    FAIL,
    SKIP
  }
}
