package dev.calibration.cli;

import dev.calibration.api.Outcome;
import dev.calibration.api.Prediction;
import dev.calibration.core.internal.io.AtomicFiles;
import dev.calibration.core.log.Durability;
import dev.calibration.core.log.JsonlPredictionLogger;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Writes a generated data set the way a host would: predictions through the real logger. */
final class DemoFiles {
  private DemoFiles() {}

  /** Logs every prediction to {@code log} through {@link JsonlPredictionLogger}, then syncs. */
  static void logPredictions(List<Prediction> predictions, Path log) {
    try (JsonlPredictionLogger logger =
        JsonlPredictionLogger.builder(log).durability(Durability.BUFFERED).build()) {
      for (Prediction p : predictions) {
        logger.log(p);
      }
      logger.sync();
    }
  }

  /** Writes the outcomes as CSV: {@code id,ts,status} and one column per observed value. */
  static void writeOutcomes(List<Outcome> outcomes, Path csv) throws IOException {
    Set<String> columns = new LinkedHashSet<>();
    for (Outcome o : outcomes) {
      columns.addAll(o.values().keySet());
    }
    StringWriter w = new StringWriter();
    List<String> header = new ArrayList<>(List.of("id", "ts", "status"));
    header.addAll(columns);
    CsvTable.writeRow(w, header);
    for (Outcome o : outcomes) {
      List<String> row = new ArrayList<>();
      row.add(o.id());
      row.add(o.timestamp().map(Object::toString).orElse(""));
      row.add(o.status().name().toLowerCase(Locale.ROOT));
      for (String c : columns) {
        Double v = o.values().get(c);
        row.add(v == null ? "" : Double.toString(v));
      }
      CsvTable.writeRow(w, row);
    }
    AtomicFiles.write(csv, w.toString().getBytes(StandardCharsets.UTF_8));
  }
}
