package dev.calibration.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress display for long work: stage, records done and records per second, redrawn
 * in place at most a few times a second. Silent when the output is not a terminal, so scripts and
 * pipes see only the summary.
 *
 * <p>Not thread-safe: one thread reports progress; the counter it reads may be updated by others.
 */
final class Progress implements AutoCloseable {
  private static final long REDRAW_NANOS = 250_000_000L;

  private final PrintStream out;
  private final boolean enabled;
  private final LongSupplier clock;
  private final long start;
  private String stage = "";
  private long lastDraw;
  private boolean drawn;

  Progress(PrintStream out, boolean enabled, LongSupplier nanoClock) {
    this.out = out;
    this.enabled = enabled;
    this.clock = nanoClock;
    this.start = nanoClock.getAsLong();
    this.lastDraw = start - REDRAW_NANOS;
  }

  /** Progress on standard error, enabled only when the JVM has an interactive console. */
  static Progress forTerminal() {
    return new Progress(System.err, System.console() != null, System::nanoTime);
  }

  /** Names the stage now running. */
  void stage(String name) {
    this.stage = name;
    lastDraw = clock.getAsLong() - REDRAW_NANOS;
  }

  /** Draws the current stage alone, for work that does not count records. */
  void note() {
    if (!enabled) {
      return;
    }
    out.printf(Locale.ROOT, "\r%-40s", stage + " ...");
    out.flush();
    drawn = true;
  }

  /** Reports that {@code done} records are finished in the current stage. */
  void update(long done) {
    if (!enabled) {
      return;
    }
    long now = clock.getAsLong();
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    out.printf(
        Locale.ROOT, "\r%-12s %,d records  %,.0f records/s   ", stage, done, done / seconds);
    out.flush();
    drawn = true;
  }

  @Override
  public void close() {
    if (enabled && drawn) {
      out.print("\r" + " ".repeat(60) + "\r");
      out.flush();
    }
  }
}
