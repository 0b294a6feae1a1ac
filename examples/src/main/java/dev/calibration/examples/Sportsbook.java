package dev.calibration.examples;

import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.Outcome;
import dev.calibration.api.OutcomeStatus;
import dev.calibration.api.Prediction;
import dev.calibration.api.PredictionLogger;
import dev.calibration.api.SegmentKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A sportsbook's pricing desk: its model's win probability for a selection is calibrated per sport
 * and market (a segment calibrator for {@code sport=tennis, market=moneyline}, falling back to the
 * sport's and then the default), every quote is logged, and settled bets are graded (win, loss,
 * push, void) and reported with Brier score, closing-line value and ROI.
 *
 * <p>Thread-safe as long as the logger is: it holds no mutable state; the current calibration
 * snapshot is read once per quote from the supplier (a {@code CalibrationLoader}'s {@code
 * snapshot} in production).
 */
public final class Sportsbook {
  /** The target name the book logs and calibrates. */
  public static final String TARGET = "win_p";

  private final Supplier<CalibrationSnapshot> snapshot;
  private final PredictionLogger logger;

  /** A book that reads its calibration from {@code snapshot} and logs to {@code logger}. */
  public Sportsbook(Supplier<CalibrationSnapshot> snapshot, PredictionLogger logger) {
    this.snapshot = snapshot;
    this.logger = logger;
  }

  /** A bet as struck: the odds taken, the stake, and the closing odds once the market closed. */
  public record Bet(
      String id,
      Instant placedAt,
      String sport,
      String market,
      double modelProbability,
      double decimalOdds,
      double stake,
      double closingDecimalOdds) {}

  /** How a bet settled. */
  public enum Grade {
    /** The selection won: the stake returns with {@code stake * (odds - 1)} profit. */
    WIN,
    /** The selection lost: the stake is lost. */
    LOSS,
    /** Stake returned (e.g. a draw on a handicap line): no profit, not a calibration sample. */
    PUSH,
    /** Bet cancelled (e.g. a retired player): stake returned, not counted as staked. */
    VOID
  }

  /** A graded bet and its profit in stake units of currency. */
  public record Settlement(Bet bet, Grade grade, double profit) {}

  /** One segment's report. */
  public record SegmentReport(
      String segment, int bets, int settled, int pushes, int voids, double brier, double clv,
      double roi) {}

  /**
   * The calibrated win probability of {@code rawProbability} for the sport and market, logged as a
   * prediction with the calibration version that produced it.
   */
  public double quote(String betId, Instant at, String sport, String market, double rawProbability) {
    CalibrationSnapshot current = snapshot.get(); // one version for the whole quote
    Map<String, String> segment = new LinkedHashMap<>();
    segment.put("sport", sport);
    segment.put("market", market);
    double calibrated = current.calibrate(TARGET, SegmentKey.of(segment), rawProbability);
    Prediction.Builder p =
        Prediction.builder(betId, at)
            .model("book")
            .modelVersion("1.0")
            .segment("sport", sport)
            .segment("market", market)
            .value(TARGET, calibrated)
            .context("raw_win_p", rawProbability);
    current.version().ifPresent(p::calibrationVersion);
    logger.log(p.build());
    return calibrated;
  }

  /** Grades a bet: the profit follows the grade and the decimal odds taken. */
  public static Settlement grade(Bet bet, Grade grade) {
    double profit =
        switch (grade) {
          case WIN -> bet.stake() * (bet.decimalOdds() - 1.0);
          case LOSS -> -bet.stake();
          case PUSH, VOID -> 0.0;
        };
    return new Settlement(bet, grade, profit);
  }

  /**
   * The outcome to join with the bet's logged prediction: {@code won} 1 or 0, and a push or void
   * status that the calibration run counts but excludes.
   */
  public static Outcome outcome(Settlement s, Instant settledAt) {
    OutcomeStatus status =
        switch (s.grade()) {
          case WIN, LOSS -> OutcomeStatus.SETTLED;
          case PUSH -> OutcomeStatus.PUSH;
          case VOID -> OutcomeStatus.VOID;
        };
    Map<String, Double> values = new LinkedHashMap<>();
    if (status == OutcomeStatus.SETTLED) {
      values.put("won", s.grade() == Grade.WIN ? 1.0 : 0.0);
    }
    return new Outcome(s.bet().id(), Optional.of(settledAt), values, status);
  }

  /**
   * Closing-line value of a bet: {@code oddsTaken / closingOdds - 1}; positive when the bet got a
   * better price than the market's final one.
   */
  public static double closingLineValue(Bet bet) {
    return bet.decimalOdds() / bet.closingDecimalOdds() - 1.0;
  }

  /**
   * Per sport/market and overall: Brier score of the model's probability over bets that won or lost,
   * mean closing-line value over bets that were not void, and ROI = profit / stake over bets that
   * were not void.
   */
  public static List<SegmentReport> report(List<Settlement> settlements) {
    Map<String, List<Settlement>> bySegment = new LinkedHashMap<>();
    for (Settlement s : settlements) {
      bySegment
          .computeIfAbsent(s.bet().sport() + "/" + s.bet().market(), k -> new ArrayList<>())
          .add(s);
    }
    List<SegmentReport> out = new ArrayList<>();
    out.add(segmentReport("all", settlements));
    bySegment.forEach((k, v) -> out.add(segmentReport(k, v)));
    return out;
  }

  private static SegmentReport segmentReport(String name, List<Settlement> settlements) {
    int settled = 0;
    int pushes = 0;
    int voids = 0;
    double squaredError = 0;
    double clv = 0;
    int priced = 0;
    double profit = 0;
    double staked = 0;
    for (Settlement s : settlements) {
      if (s.grade() == Grade.VOID) {
        voids++;
        continue;
      }
      clv += closingLineValue(s.bet());
      priced++;
      profit += s.profit();
      staked += s.bet().stake();
      if (s.grade() == Grade.PUSH) {
        pushes++;
      } else {
        double y = s.grade() == Grade.WIN ? 1.0 : 0.0;
        double d = s.bet().modelProbability() - y;
        squaredError += d * d;
        settled++;
      }
    }
    return new SegmentReport(
        name,
        settlements.size(),
        settled,
        pushes,
        voids,
        settled == 0 ? Double.NaN : squaredError / settled,
        priced == 0 ? Double.NaN : clv / priced,
        staked == 0 ? Double.NaN : profit / staked);
  }
}
