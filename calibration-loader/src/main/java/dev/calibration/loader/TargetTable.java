package dev.calibration.loader;

import dev.calibration.api.Calibrator;
import dev.calibration.api.SegmentKey;
import java.util.List;

/**
 * The calibrators of one target in one snapshot, with segment fallback.
 *
 * <p>Concurrency design: everything a caller can observe is fixed at construction; the table is
 * semantically immutable. To keep {@link #resolve} cheap it memoizes, per {@link SegmentKey}, the
 * calibrator that fallback chose. The memo is a replace-whole open-addressing array ({@code keys}
 * and values interleaved) published through the volatile field {@link #memo}; readers do one
 * volatile read and a probe that compares the key by identity first (a host reuses its keys) and
 * by its precomputed hash and contents next, so a hit never hashes a string and never allocates.
 * A miss computes the answer (allocation-free) and, under the lock on {@code this}, publishes a
 * copy of the array with the new entry. The memo holds at most {@link #MEMO_LIMIT} keys; beyond
 * that, misses are computed every time, still without allocating. Two threads missing on the same
 * key may both compute it; the answers are equal, and the second insert is skipped.
 */
final class TargetTable {

  static final int MEMO_LIMIT = 1024;

  private final Calibrator fallback;
  private final SegmentKey[] ruleKeys; // most specific first; ties in config order
  private final Calibrator[] ruleCalibrators;

  /** Guarded by: writes under {@code synchronized (this)}; reads lock-free. */
  private volatile Object[] memo = new Object[16];

  /** Guarded by {@code this}. */
  private int memoSize;

  /**
   * @param fallback the target's default, or the identity
   * @param rules segment rules in config order
   */
  TargetTable(Calibrator fallback, List<Rule> rules) {
    this.fallback = fallback;
    Rule[] sorted = rules.toArray(new Rule[0]);
    // Stable sort keeps config order among equally specific rules.
    java.util.Arrays.sort(sorted, (a, b) -> Integer.compare(b.key.size(), a.key.size()));
    ruleKeys = new SegmentKey[sorted.length];
    ruleCalibrators = new Calibrator[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      ruleKeys[i] = sorted[i].key;
      ruleCalibrators[i] = sorted[i].calibrator;
    }
  }

  /** A segment rule: the attributes it matches and its calibrator. */
  static final class Rule {
    final SegmentKey key;
    final Calibrator calibrator;

    Rule(SegmentKey key, Calibrator calibrator) {
      this.key = key;
      this.calibrator = calibrator;
    }
  }

  Calibrator resolve(SegmentKey key) {
    if (ruleKeys.length == 0 || key.size() == 0) {
      return fallback;
    }
    Object[] m = memo;
    int mask = (m.length >> 1) - 1;
    int i = spread(key.hashCode()) & mask;
    while (true) {
      Object k = m[i << 1];
      if (k == null) {
        break;
      }
      if (k == key || k.equals(key)) {
        return (Calibrator) m[(i << 1) + 1];
      }
      i = (i + 1) & mask;
    }
    Calibrator c = compute(key);
    remember(key, c);
    return c;
  }

  /** The most specific rule whose attributes the key contains, else the fallback. */
  private Calibrator compute(SegmentKey key) {
    for (int r = 0; r < ruleKeys.length; r++) {
      if (key.contains(ruleKeys[r])) {
        return ruleCalibrators[r];
      }
    }
    return fallback;
  }

  private synchronized void remember(SegmentKey key, Calibrator c) {
    if (memoSize >= MEMO_LIMIT) {
      return;
    }
    Object[] old = memo;
    int slots = old.length >> 1;
    // Keep the load factor at most 1/2 so probes stay short.
    int newSlots = (memoSize + 1) * 2 > slots ? slots * 2 : slots;
    Object[] next = new Object[newSlots << 1];
    int mask = newSlots - 1;
    for (int j = 0; j < slots; j++) {
      Object k = old[j << 1];
      if (k != null) {
        if (k.equals(key)) {
          return; // another thread remembered it first
        }
        insert(next, mask, (SegmentKey) k, old[(j << 1) + 1]);
      }
    }
    insert(next, mask, key, c);
    memoSize++;
    memo = next;
  }

  private static void insert(Object[] table, int mask, SegmentKey key, Object value) {
    int i = spread(key.hashCode()) & mask;
    while (table[i << 1] != null) {
      i = (i + 1) & mask;
    }
    table[i << 1] = key;
    table[(i << 1) + 1] = value;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
