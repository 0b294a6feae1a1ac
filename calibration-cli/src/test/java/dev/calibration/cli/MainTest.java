package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes and usage errors of the command line itself, as DESIGN.md fixes them. */
class MainTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run", "apply", "fit", "propose", "check", "approve", "reject", "activate", "rollback",
        "status", "history", "audit", "audit verify", "report", "demo"
      })
  void help_everyCommand_exitsZeroAndShowsUsageAndExamples(String command) {
    String[] args = (command + " --help").split(" ");
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("Usage: calibration " + command), r.out());
    if (!command.equals("audit")) {
      assertTrue(r.out().contains("Examples:"), r.out());
    }
  }

  @Test
  void run_noCommand_printsUsageAndExitsTwo() {
    Cli.Result r = Cli.run();
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("Usage: calibration"), r.err());
  }

  @Test
  void run_unknownCommand_suggestsTheNearestAndExitsTwo() {
    Cli.Result r = Cli.run("statsu");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("statsu"), r.err());
    assertTrue(r.err().contains("status"), r.err());
  }

  @Test
  void approve_withoutBy_isAUsageError() {
    Cli.Result r = Cli.run("approve", "cal-1", "--reason", "ok");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("--by"), r.err());
  }

  @Test
  void apply_nonNumericFactor_isAUsageError() {
    Cli.Result r = Cli.run("apply", "--suggestions", "s.json", "--dry-run", "--max-factor", "lots");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("lots"), r.err());
  }

  @Test
  void version_printsTheCommandName() {
    Cli.Result r = Cli.run("--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith("calibration "), r.out());
  }
}
