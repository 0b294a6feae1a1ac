package dev.calibration.cli;

import dev.calibration.core.internal.io.AtomicFiles;
import dev.calibration.core.registry.FileSystemRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code calibration report}: Markdown, JSON and HTML reports. */
@Command(
    name = "report",
    header = "Locate (or copy) the Markdown, JSON and HTML report of a version or run.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Shows where the report of a version (from the registry) or of a run (a run's output"
          + " directory) is: report.md and report.json, and with --html report.html with SVG"
          + " reliability diagrams. 'calibration run' writes them; 'propose' keeps them with the"
          + " version. With --out, copies them there.",
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

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path source;
    Path asDir = Path.of(id);
    if (Files.isDirectory(asDir)) {
      source = asDir;
    } else {
      FileSystemRegistry reg = Registries.open(registry.dir, root.clock(), false);
      if (reg.version(id).isEmpty()) {
        throw CliException.usage(
            "unknown version " + id + " in " + reg.directory()
                + " (and no run directory of that name); 'calibration status' lists the versions");
      }
      source = reg.versionDirectory(id);
    }
    List<String> names = new ArrayList<>(List.of("report.md", "report.json"));
    if (html) {
      names.add("report.html");
    }
    PrintWriter w = spec.commandLine().getOut();
    for (String name : names) {
      Path f = source.resolve(name);
      if (!Files.isRegularFile(f)) {
        throw CliException.data(f + ": no such file; " + id + " was written without a report");
      }
      if (out != null) {
        Files.createDirectories(out);
        Path copy = out.resolve(name);
        AtomicFiles.write(copy, Files.readAllBytes(f));
        f = copy;
      }
      w.println(f.toAbsolutePath());
    }
    return ExitCodes.OK;
  }
}
