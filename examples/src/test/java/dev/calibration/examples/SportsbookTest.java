package dev.calibration.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calibration.api.OutcomeStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SportsbookTest {
  private static Sportsbook.Bet bet(String id, double p, double odds, double stake, double closing) {
    return new Sportsbook.Bet(id, Instant.EPOCH, "tennis", "moneyline", p, odds, stake, closing);
  }

  @ParameterizedTest
  @CsvSource({"WIN, 15.0, SETTLED", "LOSS, -10.0, SETTLED", "PUSH, 0.0, PUSH", "VOID, 0.0, VOID"})
  void grade_eachResult_hasItsProfitAndOutcomeStatus(
      Sportsbook.Grade grade, double profit, OutcomeStatus status) {
    Sportsbook.Settlement s = Sportsbook.grade(bet("b", 0.5, 2.5, 10, 2.5), grade);
    assertEquals(profit, s.profit(), 1e-12); // win: 10 x (2.5 - 1)
    assertEquals(status, Sportsbook.outcome(s, Instant.EPOCH).status());
  }

  /**
   * By hand: bet 1 p=0.6 wins (profit +10 at 2.0), bet 2 p=0.3 loses (-10), bet 3 pushes, bet 4 is
   * void. Brier over win/loss: ((0.6-1)^2 + (0.3-0)^2)/2 = (0.16+0.09)/2 = 0.125. ROI over non-void
   * stakes: (10 - 10 + 0) / 30 = 0. CLV over non-void: (2.0/1.8-1 + 3.0/3.0-1 + 2.0/2.0-1)/3 =
   * 0.1111/3 = 0.037037.
   */
  @Test
  void report_handComputedBets_givesBrierClvAndRoi() {
    List<Sportsbook.Settlement> s =
        List.of(
            Sportsbook.grade(bet("1", 0.6, 2.0, 10, 1.8), Sportsbook.Grade.WIN),
            Sportsbook.grade(bet("2", 0.3, 3.0, 10, 3.0), Sportsbook.Grade.LOSS),
            Sportsbook.grade(bet("3", 0.5, 2.0, 10, 2.0), Sportsbook.Grade.PUSH),
            Sportsbook.grade(bet("4", 0.5, 2.0, 10, 1.0), Sportsbook.Grade.VOID));
    Sportsbook.SegmentReport all = Sportsbook.report(s).get(0);
    assertEquals(0.125, all.brier(), 1e-12);
    assertEquals(0.0, all.roi(), 1e-12);
    assertEquals((2.0 / 1.8 - 1.0) / 3.0, all.clv(), 1e-12);
    assertEquals(2, all.settled());
    assertEquals(1, all.pushes());
    assertEquals(1, all.voids());
  }

  @Test
  void example_runs_andReportsEverySegment() {
    List<Sportsbook.SegmentReport> r =
        SportsbookExample.run(
            600, 3, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(4, r.size()); // overall + three sport/market segments
    assertEquals(600, r.get(0).bets());
    assertEquals(600, r.get(1).bets() + r.get(2).bets() + r.get(3).bets());
  }
}
