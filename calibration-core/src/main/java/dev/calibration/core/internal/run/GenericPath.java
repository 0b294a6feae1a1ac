package dev.calibration.core.internal.run;

import dev.calibration.api.Outcome;
import dev.calibration.api.OutcomeSource;
import dev.calibration.api.Prediction;
import dev.calibration.api.PredictionSource;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The generic path: any {@link PredictionSource} and {@link OutcomeSource}, record objects turned
 * into the same batches the fast path produces, so both paths share the join and the metrics.
 */
public final class GenericPath {
  private static final int BATCH = 1 << 14;

  private GenericPath() {}

  /** Streams every prediction of the source into the store, in order. */
  public static void predictions(JoinStore store, PredictionSource source, String name) {
    RunSpec spec = store.spec();
    try (Stream<Prediction> s = source.open()) {
      Iterator<Prediction> it = s.iterator();
      PredictionBatch b = new PredictionBatch(BATCH, spec.targets.length);
      String[] segValues = new String[spec.segmentBy.length];
      while (it.hasNext()) {
        Prediction p = it.next();
        int i = b.n;
        byte[] id = p.id().getBytes(StandardCharsets.UTF_8);
        b.idOff[i] = b.appendId(id);
        b.idLen[i] = id.length;
        b.hash[i] = Hashing.hash(b.idBuf, b.idOff[i], id.length);
        b.ts[i] = p.timestamp().toEpochMilli();
        for (int k = 0; k < segValues.length; k++) {
          segValues[k] = p.segment().get(spec.segmentBy[k]);
        }
        b.seg[i] = PredictionBatch.label(b.segLabels, spec.segmentLabel(segValues));
        b.mv[i] = PredictionBatch.label(b.mvLabels, p.modelVersion().orElse(JoinOutput.NONE));
        b.cv[i] =
            PredictionBatch.label(b.cvLabels, p.calibrationVersion().orElse(JoinOutput.NONE));
        for (int t = 0; t < spec.targets.length; t++) {
          Double v = p.values().get(spec.targets[t]);
          if (v != null) {
            b.values[t][i] = v;
          }
          Map<String, Double> m = p.members().get(spec.targets[t]);
          if (m != null) {
            for (Map.Entry<String, Double> e : m.entrySet()) {
              b.member(t, e.getKey())[i] = e.getValue();
            }
          }
        }
        b.n++;
        if (b.n == BATCH) {
          store.addPredictions(b, name, 0);
          b = new PredictionBatch(BATCH, spec.targets.length);
        }
      }
      store.addPredictions(b, name, 0);
    }
  }

  /** Streams every outcome of the source into the store, in order. */
  public static void outcomes(JoinStore store, OutcomeSource source, String name) {
    RunSpec spec = store.spec();
    try (Stream<Outcome> s = source.open()) {
      Iterator<Outcome> it = s.iterator();
      OutcomeBatch b = new OutcomeBatch(BATCH, spec.outcomeColumns.length);
      while (it.hasNext()) {
        Outcome o = it.next();
        int i = b.n;
        byte[] id = o.id().getBytes(StandardCharsets.UTF_8);
        b.idOff[i] = b.appendId(id);
        b.idLen[i] = id.length;
        b.hash[i] = Hashing.hash(b.idBuf, b.idOff[i], id.length);
        switch (o.status()) {
          case SETTLED:
            b.status[i] = OutcomeBatch.SETTLED;
            break;
          case VOID:
            b.status[i] = OutcomeBatch.VOID;
            break;
          default:
            b.status[i] = OutcomeBatch.PUSH;
            break;
        }
        for (int c = 0; c < spec.outcomeColumns.length; c++) {
          Double v = o.values().get(spec.outcomeColumns[c]);
          if (v != null) {
            b.values[c][i] = v;
          }
        }
        b.n++;
        if (b.n == BATCH) {
          store.addOutcomes(b, name, 0);
          b = new OutcomeBatch(BATCH, spec.outcomeColumns.length);
        }
      }
      store.addOutcomes(b, name, 0);
    }
  }

  /** Adds an outcome reader's own counts (skipped rows, non-numeric cells, problems). */
  public static void outcomeReaderCounts(
      JoinStore store, long skipped, long nonNumeric, java.util.List<String> problems) {
    store.countOutcomeReader(skipped, nonNumeric, problems);
  }
}
