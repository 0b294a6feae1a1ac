package dev.calibration.core.run;

import dev.calibration.core.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Writes run results as {@code history/metrics_YYYYMMDD_HHMMSS.json} files. */
public final class MetricsFiles {
  private MetricsFiles() {}

  /**
   * Writes {@link RunResult#toJson()} atomically to {@code dir/history/metrics_YYYYMMDD_HHMMSS.json}
   * (UTC, from the clock), never replacing an existing file: a repeated second gets a suffix {@code
   * _1}, {@code _2}, ... Returns the path written.
   *
   * @param dir the output (or registry) directory; {@code history/} is created under it
   */
  public static Path write(Path dir, RunResult result, Clock clock) throws IOException {
    return AtomicFiles.writeTimestamped(
        dir.resolve("history"), "metrics", clock.instant(), result.toJsonBytes());
  }
}
