package dev.calibration.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code calibration report}: Markdown, JSON and HTML reports. */
@Command(
    name = "report",
    header = "Write Markdown, JSON and HTML reports of a version or run.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes the report of a version (from the registry) or of a run (a run's output directory):"
          + " report.md and report.json, and with --html report.html with SVG reliability diagrams."
          + " Prints where they went.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calibration report cal-20261123-101500-3f9a2c --html",
      "  calibration report calibration-out --html --out /tmp/report",
    })
final class ReportCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Mixin RegistryOption registry;

  @Parameters(paramLabel = "ID", description = "A version id, or a run's output directory.")
  String id = "";

  @Option(names = "--html", description = "Also write the HTML report.")
  boolean html;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write (default: the version's or run's directory).")
  @Nullable Path out;

  @Override
  public Integer call() {
    throw CliException.notBuilt("report", "reports (issue 5)");
  }
}
