package dev.calibration.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress display for long work: stage, records read and records per second in the
 * stage, redrawn in place (carriage return) at most four times a second and cleared on {@link
 * #close()}, before the summary is printed. Silent when the output is not a terminal, so scripts
 * and pipes see only the summary.
 *
 * <p>Not thread-safe: one thread reports progress (the run calls its listener on the thread that
 * executes it).
 */
final class Progress implements AutoCloseable {
  private static final long REDRAW_NANOS = 250_000_000L;

  private final PrintStream out;
  private final boolean enabled;
  private final LongSupplier clock;
  private String stage = "";
  private long stageStart;
  private long lastDraw;
  private int width;

  Progress(PrintStream out, boolean enabled, LongSupplier nanoClock) {
    this.out = out;
    this.enabled = enabled;
    this.clock = nanoClock;
    this.stageStart = nanoClock.getAsLong();
    this.lastDraw = stageStart - REDRAW_NANOS;
  }

  /** Whether anything is drawn at all; when not, callers can skip the work of reporting. */
  boolean enabled() {
    return enabled;
  }

  /** Names the stage now running; its records per second count from now. */
  void stage(String name) {
    this.stage = name;
    stageStart = clock.getAsLong();
    lastDraw = stageStart - REDRAW_NANOS;
  }

  /** Draws the current stage alone, for work that does not count records. */
  void note() {
    if (!enabled) {
      return;
    }
    draw(stage + " ...");
  }

  /** Reports that {@code done} records are read so far in the current stage. */
  void update(long done) {
    if (!enabled) {
      return;
    }
    long now = clock.getAsLong();
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    double seconds = Math.max(1e-3, (now - stageStart) / 1e9);
    draw(
        String.format(
            Locale.ROOT, "%-12s %,d records  %,.0f records/s", stage, done, done / seconds));
  }

  private void draw(String line) {
    // pad over what the previous line left on screen
    out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
    out.flush();
    width = Math.max(width, line.length());
  }

  @Override
  public void close() {
    if (enabled && width > 0) {
      out.print("\r" + " ".repeat(width) + "\r");
      out.flush();
      width = 0;
    }
  }
}
