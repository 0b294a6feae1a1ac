package dev.calibration.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code calibration demo}: the whole loop on generated data. */
@Command(
    name = "demo",
    header = "Run the whole loop on generated data, in seconds.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the whole loop on generated data, start to finish, in seconds: a pricing data set"
          + " (price and 60-day sell-through per item, conditions as segments, a deliberate"
          + " miscalibration) and a trading one (win confidence from a 4-model ensemble) are"
          + " logged through the real logger; outcomes are written; the run measures, fits and"
          + " proposes; the gates are shown; the proposal is approved as 'demo' and activated; a"
          + " real CalibrationLoader picks it up (a prediction is shown before and after the"
          + " reload); then it is rolled back and the prediction shown again.",
    },
    footerHeading = "%nExamples:%n",
    footer = {"  calibration demo", "  calibration demo --dir /tmp/calibration-demo --items 20000"})
final class DemoCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where to put the demo's files (default: a new temporary directory).")
  @Nullable Path dir;

  @Option(
      names = "--items",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Pricing items and trades to generate (default: ${DEFAULT-VALUE}).")
  int items = 5000;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "2026",
      description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
  long seed = 2026;

  @Override
  public Integer call() {
    throw CliException.notBuilt("demo", "the calibration run (issue 4) and the registry (issue 6)");
  }
}
