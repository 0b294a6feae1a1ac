package dev.calibration.core.internal.run;

import dev.calibration.core.run.CalibrationRunException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The join's memory: one row per distinct prediction id, in log order, in paged primitive columns,
 * plus the outcome columns written onto those rows.
 *
 * <p>Memory per distinct prediction, about: id bytes + 8 (locator) + 8 to 16 (hash slot) + 8
 * (timestamp) + 12 (segment, model and calibration version indexes) + 8 per target + 8 per member
 * + 1 (status) + 8 per outcome column. At 10,000,000 predictions with two targets, two members and
 * two outcome columns that is about 1 GB; the id table is released before the joined arrays are
 * built. Orphan outcome ids go in their own id table, so a flood of orphans costs their bytes only.
 *
 * <p>Policies: the first prediction of an id is kept and later ones are counted as duplicates; the
 * last outcome of an id wins (its status and every outcome column replace the earlier ones) and
 * earlier ones are counted as duplicates.
 *
 * <p>Concurrency: not thread-safe; batches are parsed elsewhere and merged here by one thread, in
 * input order, which is what makes "first prediction" and "last outcome" well defined. The one
 * exception is {@link #lookUp}: once every prediction is merged, the id table is only read, so
 * parsing tasks may probe it concurrently (the submit of their task orders them after the last
 * prediction merge); the merge re-probes any batch looked up in a table that has changed since.
 */
public final class JoinStore {
  private static final int MAX_PROBLEMS = 10;
  /** How many rows ahead the merge starts loading a row's first hash slot. */
  private static final int AHEAD = 6;

  private final RunSpec spec;
  private IdTable ids;
  private final IdTable orphans = new IdTable(1024);
  private Pages.Longs ts = new Pages.Longs();
  private Pages.Ints seg = new Pages.Ints();
  private Pages.Ints mv = new Pages.Ints();
  private Pages.Ints cv = new Pages.Ints();
  private final Pages.Doubles[] values;
  private final List<Map<String, Pages.Doubles>> members = new ArrayList<>();
  private Pages.Bytes status = new Pages.Bytes();
  private final Pages.Doubles[] outcomes;
  private final Labels segLabels = new Labels();
  private final Labels mvLabels = new Labels();
  private final Labels cvLabels = new Labels();
  private final JoinOutput out = new JoinOutput();
  private final List<String> problems = new ArrayList<>();
  private long orphanDuplicates;
  private boolean released;
  private @Nullable LongConsumer readListener;

  /** The last batch's early slot loads, combined; written so that they are not dead code. */
  private long sink;

  /**
   * Creates an empty store.
   *
   * @param spec what to extract
   * @param expected the expected number of distinct predictions (sizing only)
   */
  public JoinStore(RunSpec spec, int expected) {
    this.spec = spec;
    this.ids = new IdTable(expected);
    this.values = new Pages.Doubles[spec.targets.length];
    for (int t = 0; t < values.length; t++) {
      values[t] = new Pages.Doubles(Double.NaN);
      members.add(new LinkedHashMap<>());
    }
    this.outcomes = new Pages.Doubles[spec.outcomeColumns.length];
    for (int c = 0; c < outcomes.length; c++) {
      outcomes[c] = new Pages.Doubles(Double.NaN);
    }
    if (spec.segmentBy.length == 0) {
      segLabels.index(JoinOutput.ALL);
    }
  }

  RunSpec spec() {
    return spec;
  }

  /**
   * Hears the running count of predictions read, then of outcomes read, once per merged batch, on
   * the merging thread; {@code null} (the default) for none.
   */
  public void readListener(@Nullable LongConsumer listener) {
    this.readListener = listener;
  }

  /**
   * Merges a batch of predictions read from {@code file}, whose first line is {@code lineBase + 1}.
   */
  void addPredictions(PredictionBatch b, String file, long lineBase) {
    for (Problem p : b.problems) {
      String where = file + ":" + (lineBase + p.localLine());
      if (spec.failOnBadLine) {
        throw new CalibrationRunException(
            p.code(), file, lineBase + p.localLine(), p.field(), p.reason(), null);
      }
      out.predictionsSkipped++;
      note(p.code() + ": " + where + (p.field().isEmpty() ? "" : " field '" + p.field() + "'") + ": " + p.reason());
    }
    if (b.truncated) {
      out.predictionsTruncated++;
      note("CAL-RUN-004: " + file + ":" + (lineBase + b.lines) + ": a torn last line was ignored");
    }
    int[] segMap = segLabels.map(b.segLabels);
    int[] mvMap = mvLabels.map(b.mvLabels);
    int[] cvMap = cvLabels.map(b.cvLabels);
    int targets = values.length;
    List<List<Pages.Doubles>> memberCols = new ArrayList<>(targets);
    for (int t = 0; t < targets; t++) {
      List<Pages.Doubles> cols = new ArrayList<>();
      for (String name : b.memberNames.get(t)) {
        cols.add(members.get(t).computeIfAbsent(name, k -> new Pages.Doubles(Double.NaN)));
      }
      memberCols.add(cols);
    }
    out.predictionsRead += b.n;
    if (readListener != null) {
      readListener.accept(out.predictionsRead);
    }
    long touched = 0;
    for (int i = 0; i < b.n; i++) {
      if (i + AHEAD < b.n) { // start the slot load of a later row: its cache miss overlaps this row
        touched ^= ids.touch(b.hash[i + AHEAD]);
      }
      int e = ids.add(b.idBuf, b.idOff[i], b.idLen[i], b.hash[i]);
      if (e < 0) {
        out.duplicatePredictions++;
        continue;
      }
      ts.set(e, b.ts[i]);
      seg.set(e, segMap[b.seg[i]]);
      mv.set(e, mvMap[b.mv[i]]);
      cv.set(e, cvMap[b.cv[i]]);
      for (int t = 0; t < targets; t++) {
        double v = b.values[t][i];
        if (!Double.isNaN(v)) {
          values[t].set(e, v);
        }
        List<Pages.Doubles> cols = memberCols.get(t);
        for (int m = 0; m < cols.size(); m++) {
          double mvv = b.memberValues.get(t).get(m)[i];
          if (!Double.isNaN(mvv)) {
            cols.get(m).set(e, mvv);
          }
        }
      }
    }
    sink = touched; // keeps the early loads from being optimised away
  }

  /**
   * Finds each outcome's prediction entry in the id table, off the merging thread. Safe to call
   * from several threads at once while no predictions are being added; {@link #addOutcomes} uses
   * the answers only if the table is still the one they were read from, at the same size.
   */
  void lookUp(OutcomeBatch b) {
    IdTable table = ids;
    int size = table.size();
    int[] entry = new int[b.n];
    long touched = 0;
    for (int i = 0; i < b.n; i++) {
      if (i + AHEAD < b.n) {
        touched ^= table.touch(b.hash[i + AHEAD]);
      }
      entry[i] = table.find(b.idBuf, b.idOff[i], b.idLen[i], b.hash[i]);
    }
    b.touched = touched;
    b.entry = entry;
    b.lookedUpIn = table;
    b.lookedUpSize = size;
  }

  /** Merges a batch of outcomes read from {@code file}, whose first line is lineBase + 1. */
  void addOutcomes(OutcomeBatch b, String file, long lineBase) {
    for (Problem p : b.problems) {
      if (spec.failOnBadLine && p.fatal()) {
        throw new CalibrationRunException(
            p.code(), file, lineBase + p.localLine(), p.field(), p.reason(), null);
      }
      note(
          p.code()
              + ": "
              + file
              + ":"
              + (lineBase + p.localLine())
              + (p.field().isEmpty() ? "" : " column '" + p.field() + "'")
              + ": "
              + p.reason());
    }
    out.outcomesSkipped += b.skipped;
    out.outcomeNonNumeric += b.nonNumeric;
    out.outcomesRead += b.n;
    if (readListener != null) {
      readListener.accept(out.outcomesRead);
    }
    int cols = outcomes.length;
    boolean probed = b.lookedUpIn == ids && b.lookedUpSize == ids.size() && b.entry.length == b.n;
    for (int i = 0; i < b.n; i++) {
      int e = probed ? b.entry[i] : ids.find(b.idBuf, b.idOff[i], b.idLen[i], b.hash[i]);
      if (e < 0) {
        if (orphans.add(b.idBuf, b.idOff[i], b.idLen[i], b.hash[i]) < 0) {
          orphanDuplicates++;
        }
        continue;
      }
      if (status.get(e) != 0) {
        out.duplicateOutcomes++;
      }
      status.set(e, b.status[i]);
      for (int c = 0; c < cols; c++) {
        outcomes[c].set(e, b.values[c][i]);
      }
    }
  }

  /** Records a problem reported by a source outside the batches (e.g. reader statistics). */
  void note(String problem) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(problem);
    }
  }

  /** Adds counts reported by a generic source's own statistics. */
  void countOutcomeReader(long skipped, long nonNumeric, List<String> readerProblems) {
    out.outcomesSkipped += skipped;
    out.outcomeNonNumeric += nonNumeric;
    for (String p : readerProblems) {
      note(p);
    }
  }

  /** Finishes the join: counts statuses, selects each target's samples, orders them by time. */
  public JoinOutput finish() {
    if (released) {
      throw new IllegalStateException("the join is finished already");
    }
    int n = ids.size();
    ids = new IdTable(16); // release the id table before the joined arrays are built
    out.duplicateOutcomes += orphanDuplicates;
    out.orphanOutcomes = orphans.size();
    for (int e = 0; e < n; e++) {
      switch (status.get(e)) {
        case 0:
          out.pending++;
          break;
        case OutcomeBatch.SETTLED:
          out.settled++;
          break;
        case OutcomeBatch.VOID:
          out.voided++;
          break;
        default:
          out.pushed++;
          break;
      }
    }
    List<JoinOutput.Target> targets = new ArrayList<>();
    int @Nullable [] prevSelection = null;
    JoinOutput.@Nullable Target prev = null;
    for (int t = 0; t < values.length; t++) {
      JoinOutput.Target jt = new JoinOutput.Target();
      jt.name = spec.targets[t];
      int[] sel = TimeOrder.order(select(t, n, jt), ts);
      if (prev != null && Arrays.equals(sel, prevSelection)) {
        // same samples as the previous target: share the per-sample label columns
        jt.ts = prev.ts;
        jt.segment = prev.segment;
        jt.modelVersion = prev.modelVersion;
        jt.calibrationVersion = prev.calibrationVersion;
      } else {
        jt.ts = new long[sel.length];
        jt.segment = new int[sel.length];
        jt.modelVersion = new int[sel.length];
        jt.calibrationVersion = new int[sel.length];
        for (int k = 0; k < sel.length; k++) {
          int e = sel[k];
          jt.ts[k] = ts.get(e);
          jt.segment[k] = seg.get(e);
          jt.modelVersion[k] = mv.get(e);
          jt.calibrationVersion[k] = cv.get(e);
        }
      }
      jt.predicted = gather(values[t], sel);
      values[t] = new Pages.Doubles(Double.NaN); // this target's column is no longer needed
      jt.observed = gather(outcomes[spec.observed[t]], sel);
      Map<String, double[]> mem = new LinkedHashMap<>();
      for (Map.Entry<String, Pages.Doubles> m : members.get(t).entrySet()) {
        mem.put(m.getKey(), gather(m.getValue(), sel));
      }
      members.get(t).clear();
      jt.members = mem;
      jt.stake = spec.stake[t] < 0 ? null : gather(outcomes[spec.stake[t]], sel);
      jt.payout = spec.payout[t] < 0 ? null : gather(outcomes[spec.payout[t]], sel);
      jt.closing = spec.closing[t] < 0 ? null : gather(outcomes[spec.closing[t]], sel);
      jt.segmentLabels = segLabels.list();
      jt.modelVersionLabels = mvLabels.list();
      jt.calibrationVersionLabels = cvLabels.list();
      targets.add(jt);
      prev = jt;
      prevSelection = sel;
    }
    out.targets = List.copyOf(targets);
    out.problems = List.copyOf(problems);
    released = true;
    // release the columns: the joined arrays are all that is needed from here on
    Arrays.setAll(values, i -> new Pages.Doubles(Double.NaN));
    Arrays.setAll(outcomes, i -> new Pages.Doubles(Double.NaN));
    members.clear();
    ts = new Pages.Longs();
    seg = new Pages.Ints();
    mv = new Pages.Ints();
    cv = new Pages.Ints();
    status = new Pages.Bytes();
    return out;
  }

  /** The rows of target t used for metrics, counting the others; decides the kind if inferred. */
  private int[] select(int t, int n, JoinOutput.Target jt) {
    Pages.Doubles pred = values[t];
    Pages.Doubles obs = outcomes[spec.observed[t]];
    int kind = spec.kind[t];
    if (kind == 0) {
      boolean any = false;
      boolean binary = true;
      for (int e = 0; e < n && binary; e++) {
        if (status.get(e) == OutcomeBatch.SETTLED) {
          double p = pred.get(e);
          double y = obs.get(e);
          if (!Double.isNaN(p) && !Double.isNaN(y)) {
            any = true;
            binary = (y == 0 || y == 1) && p >= 0 && p <= 1;
          }
        }
      }
      kind = any && binary ? 1 : 2;
    }
    jt.probability = kind == 1;
    int count = 0;
    for (int e = 0; e < n; e++) {
      if (usable(e, pred, obs, kind)) {
        count++;
      }
    }
    int[] sel = new int[count];
    int k = 0;
    for (int e = 0; e < n; e++) {
      if (status.get(e) != OutcomeBatch.SETTLED) {
        continue;
      }
      double p = pred.get(e);
      double y = obs.get(e);
      if (Double.isNaN(p)) {
        jt.missingPrediction++;
      } else if (Double.isNaN(y)) {
        jt.missingOrNonNumeric++;
      } else if (kind == 1 && (!(y == 0 || y == 1) || p < 0 || p > 1)) {
        jt.outOfRange++;
      } else {
        sel[k++] = e;
      }
    }
    return sel;
  }

  private boolean usable(int e, Pages.Doubles pred, Pages.Doubles obs, int kind) {
    if (status.get(e) != OutcomeBatch.SETTLED) {
      return false;
    }
    double p = pred.get(e);
    double y = obs.get(e);
    return !Double.isNaN(p)
        && !Double.isNaN(y)
        && !(kind == 1 && (!(y == 0 || y == 1) || p < 0 || p > 1));
  }

  private static double[] gather(Pages.Doubles col, int[] sel) {
    double[] a = new double[sel.length];
    for (int k = 0; k < sel.length; k++) {
      a[k] = col.get(sel[k]);
    }
    return a;
  }

  /** Global label interning: label to index, in order of first appearance. */
  private static final class Labels {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> labels = new ArrayList<>();

    int index(String label) {
      Integer i = index.get(label);
      if (i != null) {
        return i;
      }
      labels.add(label);
      index.put(label, labels.size() - 1);
      return labels.size() - 1;
    }

    int[] map(List<String> local) {
      int[] m = new int[local.size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = index(local.get(i));
      }
      return m;
    }

    List<String> list() {
      return List.copyOf(labels);
    }
  }
}
