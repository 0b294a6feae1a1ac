package dev.calibration.cli;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import dev.calibration.core.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code calibration fit}: one calibrator from a score,label CSV. */
@Command(
    name = "fit",
    header = "Fit one calibrator on a score,label CSV; save or apply it.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fits one calibrator on a CSV with a header row and the columns score,label[,weight];"
          + " prints it, optionally saves it as JSON, and optionally applies it to another CSV with"
          + " a score column, writing that file's columns plus 'calibrated'.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calibration fit --method isotonic --input train.csv --save calibrator.json",
      "  calibration fit --method platt --input train.csv --apply scores.csv --out calibrated.csv",
    })
final class FitCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--method",
      paramLabel = "NAME",
      required = true,
      description = "The calibration method, e.g. isotonic, platt, temperature, histogram, beta.")
  String method = "";

  @Option(
      names = "--input",
      paramLabel = "FILE",
      required = true,
      description = "Training data: CSV with header score,label[,weight].")
  Path input = Path.of("train.csv");

  @Option(
      names = "--apply",
      paramLabel = "FILE",
      description = "A CSV with a score column to calibrate (needs --out).")
  @Nullable Path apply;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the calibrated CSV.")
  @Nullable Path out;

  @Option(
      names = "--save",
      paramLabel = "FILE",
      description = "Save the fitted calibrator as JSON ({\"method\":...,parameters}).")
  @Nullable Path save;

  @Override
  public Integer call() throws IOException {
    if (apply != null && out == null) {
      throw CliException.usage("--apply needs --out: where to write the calibrated rows");
    }
    if (out != null && apply == null) {
      throw CliException.usage("--out needs --apply: the file of scores to calibrate");
    }
    CalibrationMethod m = Methods.resolve(method);
    CsvTable train = CsvTable.read(input);
    int scoreCol = train.requireColumn("score");
    int labelCol = train.requireColumn("label");
    int weightCol = train.column("weight");
    int n = train.size();
    if (n == 0) {
      throw CliException.data(input + ": no rows after the header; nothing to fit");
    }
    double[] scores = new double[n];
    double[] labels = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = train.number(i, scoreCol);
      labels[i] = train.number(i, labelCol);
      weights[i] = weightCol < 0 ? 1.0 : train.number(i, weightCol);
      if (weights[i] < 0) {
        throw CliException.data(
            input + ":" + train.line(i) + ": field 'weight' must be >= 0 but was " + weights[i]);
      }
    }
    CalibrationData data =
        weightCol < 0 ? CalibrationData.of(scores, labels) : CalibrationData.of(scores, labels, weights);
    Calibrator calibrator;
    try {
      calibrator = m.fit(data);
    } catch (IllegalArgumentException e) {
      throw CliException.data(input + ": cannot fit " + method + ": " + e.getMessage(), e);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "fitted %s on %,d rows of %s%n", calibrator.method(), n, input);
    w.println("  score  calibrated");
    for (double s : new double[] {0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95}) {
      w.printf(Locale.ROOT, "  %5.2f  %10.4f%n", s, calibrator.apply(s));
    }
    if (save != null) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("method", calibrator.method());
      json.putAll(calibrator.parameters());
      AtomicFiles.write(save, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
      w.println("saved the calibrator to " + save);
    }
    if (apply != null && out != null) {
      int rows = applyTo(calibrator, apply, out);
      w.printf(Locale.ROOT, "calibrated %,d rows of %s into %s%n", rows, apply, out);
    }
    return ExitCodes.OK;
  }

  private static int applyTo(Calibrator calibrator, Path in, Path target) throws IOException {
    CsvTable table = CsvTable.read(in);
    int scoreCol = table.requireColumn("score");
    if (table.column("calibrated") >= 0) {
      throw CliException.data(in + ":1: already has a 'calibrated' column; refusing to overwrite it");
    }
    StringWriter sink = new StringWriter();
    List<String> header = new ArrayList<>(table.header());
    header.add("calibrated");
    CsvTable.writeRow(sink, header);
    for (int i = 0; i < table.size(); i++) {
      double score = table.number(i, scoreCol);
      List<String> row = new ArrayList<>(table.row(i));
      row.add(Double.toString(calibrator.apply(score)));
      CsvTable.writeRow(sink, row);
    }
    AtomicFiles.write(target, sink.toString().getBytes(StandardCharsets.UTF_8));
    return table.size();
  }
}
