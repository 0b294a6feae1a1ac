package dev.calibration.core.run;

import dev.calibration.core.internal.run.JoinOutput;
import dev.calibration.core.metrics.Metrics;
import dev.calibration.core.metrics.TargetMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Computes a target's metrics overall and per group (segment, model version, calibration version)
 * as independent tasks on the run's executor, largest first.
 *
 * <p>Concurrency: each task reads the immutable joined arrays and writes only its own result.
 */
final class GroupMetrics {
  private GroupMetrics() {}

  static TargetResult compute(
      TargetMapping mapping,
      TargetKind kind,
      JoinOutput.Target t,
      boolean bySegment,
      int bins,
      ExecutorService pool) {
    List<Task> tasks = new ArrayList<>();
    Task overall = new Task(null, "", t, kind, bins);
    tasks.add(overall);
    List<Task> seg = bySegment ? split(t, t.segment, t.segmentLabels, kind, bins) : List.of();
    List<Task> mv = split(t, t.modelVersion, t.modelVersionLabels, kind, bins);
    List<Task> cv = split(t, t.calibrationVersion, t.calibrationVersionLabels, kind, bins);
    tasks.addAll(seg);
    tasks.addAll(mv);
    tasks.addAll(cv);
    tasks.sort(Comparator.comparingInt((Task k) -> k.size()).reversed());
    List<Future<?>> futures = new ArrayList<>();
    for (Task k : tasks) {
      futures.add(pool.submit(k::run));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing metrics", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new IllegalStateException("metrics failed", c);
    }
    return new TargetResult(
        mapping, kind, overall.result(), results(seg), results(mv), results(cv));
  }

  private static Map<String, TargetMetrics> results(List<Task> tasks) {
    Map<String, TargetMetrics> m = new LinkedHashMap<>();
    for (Task k : tasks) {
      m.put(k.label, k.result());
    }
    return m;
  }

  /** One task per label with at least one sample, in label order. */
  private static List<Task> split(
      JoinOutput.Target t, int[] index, List<String> labels, TargetKind kind, int bins) {
    int[] counts = new int[labels.size()];
    for (int i : index) {
      counts[i]++;
    }
    int[][] members = new int[labels.size()][];
    for (int l = 0; l < counts.length; l++) {
      members[l] = new int[counts[l]];
    }
    int[] fill = new int[labels.size()];
    for (int k = 0; k < index.length; k++) {
      int l = index[k];
      members[l][fill[l]++] = k;
    }
    List<Task> tasks = new ArrayList<>();
    for (int l = 0; l < counts.length; l++) {
      if (counts[l] > 0) {
        tasks.add(new Task(members[l], labels.get(l), t, kind, bins));
      }
    }
    return tasks;
  }

  private static final class Task {
    private final int @Nullable [] rows;
    final String label;
    private final JoinOutput.Target t;
    private final TargetKind kind;
    private final int bins;
    private volatile @Nullable TargetMetrics result;

    Task(int @Nullable [] rows, String label, JoinOutput.Target t, TargetKind kind, int bins) {
      this.rows = rows;
      this.label = label;
      this.t = t;
      this.kind = kind;
      this.bins = bins;
    }

    int size() {
      return rows == null ? t.predicted.length : rows.length;
    }

    void run() {
      double[] p = pick(t.predicted);
      double[] y = pick(t.observed);
      if (kind == TargetKind.VALUE) {
        result = Metrics.value(p, y);
      } else {
        result =
            Metrics.probability(p, y, bins, pickOrNull(t.stake), pickOrNull(t.payout), pickOrNull(t.closing));
      }
    }

    TargetMetrics result() {
      TargetMetrics r = result;
      if (r == null) {
        throw new IllegalStateException("metrics of '" + label + "' were not computed");
      }
      return r;
    }

    private double[] pick(double[] all) {
      int[] r = rows;
      if (r == null) {
        return all;
      }
      double[] out = new double[r.length];
      for (int k = 0; k < r.length; k++) {
        out[k] = all[r[k]];
      }
      return out;
    }

    private double @Nullable [] pickOrNull(double @Nullable [] all) {
      return all == null ? null : pick(all);
    }
  }
}
