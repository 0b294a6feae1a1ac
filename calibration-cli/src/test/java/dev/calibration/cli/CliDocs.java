package dev.calibration.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;

/**
 * Generates {@code docs/cli.md} from the real {@code --help} of every command. Regenerate with
 * {@code mvn -o -B -pl calibration-cli -am test -Dtest=CliDocsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcli.docs.update=true}; {@link CliDocsTest} fails when the file and the help drift apart.
 */
final class CliDocs {
  static final Path FILE = Path.of("..", "docs", "cli.md");

  private static final String INTRO =
      """
      # The `calibration` command

      <!-- Generated from the real --help by calibration-cli's CliDocs; CliDocsTest fails when they
           drift. Regenerate: mvn -o -B -pl calibration-cli -am test -Dtest=CliDocsTest
           -Dsurefire.failIfNoSpecifiedTests=false -Dcli.docs.update=true -->

      `./calibration` at the root of the repository runs the command (it builds
      `calibration-cli/target/calibration.jar` on first use). The jar runs anywhere with
      `java -jar calibration.jar <command>`.

      Exit status: `0` success; `1` a safety gate, a validation or the registry's state machine blocked
      the change (a high-risk proposal, activating an unapproved version, nothing to roll back to);
      `2` usage error (unknown option or command, missing argument, bad value, unknown method or
      version id); `3` unreadable or invalid data (missing file, malformed line, damaged audit log),
      with a message naming the file, the line and the field.

      Progress (the stage, records read and records per second, redrawn in place) is drawn on
      standard error only when the command runs in an interactive terminal (`System.console()`),
      and is cleared before the summary; in scripts and pipes the command prints nothing but its
      summary.

      The file formats are described in [formats.md](formats.md); the workflow around the registry
      commands in [operations.md](operations.md); the error codes (`CAL-...`) quoted in messages in
      [errors.md](errors.md).

      A typical month, by hand (the demo does all of this on generated data):

          calibration run --predictions predictions.jsonl --outcomes outcomes.csv \\
              --target sell_p60=sold_60d --target price=realized_price --segment-by condition \\
              --factor-table price=CONDITION_PRICE_FACTOR:condition --current registry/active.json
          calibration propose --run calibration-out --registry registry
          calibration report cal-... --html          # review it
          calibration approve cal-... --by alice --reason "..."
          calibration activate cal-... --by alice    # hosts reload within their poll interval
          calibration rollback --by oncall --reason "..."   # if anything looks wrong
      """;

  private CliDocs() {}

  /** The whole of {@code docs/cli.md} as the current build's help renders it. */
  static String render() {
    StringWriter sink = new StringWriter();
    PrintWriter w = new PrintWriter(sink);
    CommandLine root =
        Main.commandLine(new CalibrationCommand(Clock.systemUTC(), false), w, w);
    StringBuilder md = new StringBuilder(INTRO);
    appendCommand(md, root, 2);
    return md.toString();
  }

  private static void appendCommand(StringBuilder md, CommandLine cl, int level) {
    md.append('\n')
        .append("#".repeat(level))
        .append(" `")
        .append(cl.getCommandSpec().qualifiedName())
        .append("`\n\n```text\n")
        .append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
        .append("\n```\n");
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getParent() == cl && !sub.getCommandSpec().usageMessage().hidden()) {
        appendCommand(md, sub, level == 2 ? 3 : level);
      }
    }
  }

  /** Rewrites {@code docs/cli.md}. */
  public static void main(String[] args) throws IOException {
    Files.writeString(FILE, render(), StandardCharsets.UTF_8);
  }
}
