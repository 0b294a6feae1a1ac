package dev.calibration.examples;

import dev.calibration.core.config.CalibrationConfig;
import dev.calibration.core.log.InMemoryPredictionLogger;
import dev.calibration.loader.CalibrationLoader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A sportsbook host: calibrates its model's win probability per sport and market (tennis
 * moneyline has its own calibrator; other markets fall back to the default), logs every quote,
 * grades settled bets (win, loss, push, void) and reports Brier score, closing-line value and ROI
 * per segment.
 *
 * <p>Run: {@code java -cp ... dev.calibration.examples.SportsbookExample}.
 */
public final class SportsbookExample {
  static final String CONFIG =
      "{\"schema\":1,\"version\":\"book-cal-1\",\"calibrators\":{\"win_p\":{"
          + "\"default\":{\"method\":\"platt\",\"a\":1.0,\"b\":0.0},"
          + "\"segments\":[{\"match\":{\"sport\":\"tennis\",\"market\":\"moneyline\"},"
          + "\"calibrator\":{\"method\":\"platt\",\"a\":0.8,\"b\":-0.1}}]}}}";

  private SportsbookExample() {}

  /** Runs the example on 2,000 simulated bets. */
  public static void main(String[] args) {
    run(2000, 11, System.out);
  }

  /** The example: returns the report rows, overall first. */
  public static List<Sportsbook.SegmentReport> run(int bets, long seed, PrintStream out) {
    CalibrationConfig config =
        CalibrationConfig.parse(CONFIG.getBytes(StandardCharsets.UTF_8), "sportsbook config");
    InMemoryPredictionLogger logger = new InMemoryPredictionLogger();
    List<Sportsbook.Settlement> settled = new ArrayList<>();
    try (CalibrationLoader loader = CalibrationLoader.of(config)) {
      Sportsbook book = new Sportsbook(loader::current, logger);
      SplittableRandom random = new SplittableRandom(seed);
      String[][] segments = {{"tennis", "moneyline"}, {"football", "moneyline"}, {"football", "totals"}};
      Instant start = Instant.parse("2026-11-01T12:00:00Z");
      for (int i = 0; i < bets; i++) {
        String[] seg = segments[i % segments.length];
        double raw = 0.15 + 0.7 * random.nextDouble();
        Instant at = start.plus(Duration.ofMinutes(i));
        double p = book.quote("B" + i, at, seg[0], seg[1], raw);
        double odds = Math.round(100.0 / p * 0.95) / 100.0; // 5% margin
        double closing = odds * (1.0 + 0.04 * random.nextGaussian());
        Sportsbook.Bet bet = new Sportsbook.Bet("B" + i, at, seg[0], seg[1], p, odds, 10.0, closing);
        double u = random.nextDouble();
        Sportsbook.Grade grade =
            u < 0.02 ? Sportsbook.Grade.VOID
                : u < 0.05 ? Sportsbook.Grade.PUSH
                : random.nextDouble() < raw ? Sportsbook.Grade.WIN : Sportsbook.Grade.LOSS;
        settled.add(Sportsbook.grade(bet, grade));
      }
    }
    List<Sportsbook.SegmentReport> report = Sportsbook.report(settled);
    out.printf(Locale.ROOT, "%-20s %6s %7s %5s %5s %7s %8s %8s%n",
        "segment", "bets", "settled", "push", "void", "Brier", "CLV", "ROI");
    for (Sportsbook.SegmentReport r : report) {
      out.printf(Locale.ROOT, "%-20s %6d %7d %5d %5d %7.4f %+8.4f %+8.4f%n",
          r.segment(), r.bets(), r.settled(), r.pushes(), r.voids(), r.brier(), r.clv(), r.roi());
    }
    out.println("logged " + logger.predictions().size() + " quotes");
    return report;
  }
}
