package dev.calibration.core.run;

import dev.calibration.core.outcome.OutcomeMapping;
import java.nio.file.Files;
import java.nio.file.Path;

/** The child process of {@link BoundedMemoryTest}: runs the file path and writes the result JSON. */
public final class ForkedRunMain {
  private ForkedRunMain() {}

  /**
   * Runs.
   *
   * @param args prediction log, outcome CSV, output JSON
   */
  public static void main(String[] args) throws Exception {
    RunResult r =
        CalibrationRun.builder()
            .predictionFiles(Path.of(args[0]))
            .outcomeFiles(OutcomeMapping.defaults(), Path.of(args[1]))
            .target("sell_p60=sold_60d:probability")
            .segmentBy("condition")
            .threads(2)
            .build()
            .execute();
    Files.writeString(Path.of(args[2]), r.toJson());
  }
}
