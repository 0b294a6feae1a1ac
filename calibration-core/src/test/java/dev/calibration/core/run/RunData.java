package dev.calibration.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calibration.api.Prediction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Seeded test data: predictions (objects and the JSONL log) and an outcome CSV with every policy case. */
final class RunData {
  private static final ObjectMapper JSON = new ObjectMapper();

  final List<Prediction> predictions = new ArrayList<>();

  /** Writes n predictions (with duplicates, escapes, missing values) and their outcomes. */
  static RunData write(Path dir, int n, long seed) throws IOException {
    RunData d = new RunData();
    SplittableRandom r = new SplittableRandom(seed);
    Path log = dir.resolve("predictions.jsonl");
    Path csv = dir.resolve("outcomes.csv");
    String[] conditions = {"new", "used_good", "used_fair", "for_parts"};
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        BufferedWriter o = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      o.write("id,status,sold_60d,realized_price\n");
      for (int i = 0; i < n; i++) {
        boolean dup = i > 10 && r.nextInt(50) == 0;
        String id = dup ? "SKU" + r.nextInt(i) : (i % 97 == 0 ? "SK\"U\\" + i : "SKU" + i);
        Instant ts = t0.plusMillis(i * 1000L + r.nextInt(999) - (i % 13 == 0 ? 5000 : 0));
        double p = Math.round(r.nextDouble() * 1000) / 1000.0;
        double price = Math.round(r.nextDouble(5, 500) * 100) / 100.0;
        if (i % 7 == 0) {
          id = id + "\u00e9\u00df";
        }
        Prediction.Builder b =
            Prediction.builder(id, ts).model("pricer").modelVersion(i < n / 2 ? "2.0.0" : "2.1.0");
        if (i % 3 != 0) {
          b.calibrationVersion(i < n * 3 / 4 ? "cal-1" : "cal-2");
        }
        if (i % 17 != 0) {
          b.segment("condition", conditions[r.nextInt(conditions.length)]);
        }
        b.segment("region", "eu");
        if (i % 11 != 0) {
          b.value("sell_p60", p);
        }
        b.value("price", price);
        b.members("sell_p60", java.util.Map.of("xgb", Math.min(1, p + 0.01), "lgbm", Math.max(0, p - 0.02)));
        b.context("lot_id", "LOT" + i);
        b.context("opt", java.util.Map.of("sims", 100, "note", "a \"quoted\" note, caf\u00e9 \u20ac"));
        Prediction pr = b.build();
        d.predictions.add(pr);
        w.write(line(pr));
        w.write('\n');
        if (r.nextInt(10) < 8 || dup) { // an outcome for most predictions
          String status = r.nextInt(40) == 0 ? "void" : (r.nextInt(40) == 0 ? "PUSH" : "settled");
          int sold = r.nextDouble() < p ? 1 : 0;
          String soldText = r.nextInt(200) == 0 ? "maybe" : (r.nextInt(150) == 0 ? "" : Integer.toString(sold));
          if (r.nextInt(300) == 0) {
            soldText = "2";
          }
          String priceText = sold == 1 ? String.format(Locale.ROOT, "%.2f", price * r.nextDouble(0.8, 1.2)) : "";
          o.write(csvCell(id) + "," + status + "," + soldText + "," + priceText + "\n");
          if (r.nextInt(100) == 0) { // a later correction: the last outcome wins
            o.write(csvCell(id) + ",settled,1,\n");
          }
        }
        if (r.nextInt(200) == 0) {
          o.write("ORPHAN" + r.nextInt(50) + ",settled,1,10\n");
        }
      }
    }
    return d;
  }

  static String line(Prediction p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("schema", 1);
    o.put("id", p.id());
    o.put("ts", p.timestamp().toString());
    p.model().ifPresent(m -> o.put("model", m));
    p.modelVersion().ifPresent(m -> o.put("model_version", m));
    p.calibrationVersion().ifPresent(m -> o.put("calibration_version", m));
    ObjectNode seg = o.putObject("segment");
    p.segment().forEach(seg::put);
    ObjectNode values = o.putObject("values");
    p.values().forEach(values::put);
    ObjectNode members = o.putObject("members");
    p.members().forEach((t, m) -> {
      ObjectNode mm = members.putObject(t);
      m.forEach(mm::put);
    });
    o.set("context", JSON.valueToTree(p.context()));
    return o.toString();
  }

  private static String csvCell(String s) {
    return s.contains("\"") || s.contains(",") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
