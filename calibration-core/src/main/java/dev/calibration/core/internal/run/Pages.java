package dev.calibration.core.internal.run;

import java.util.Arrays;

/**
 * Growable primitive columns stored in fixed pages of 32,768 entries, so that growing never copies
 * the data (only the small page directory). A page of doubles is 256 KiB: below half a G1 region
 * (1 MiB at a 2 GiB heap), so pages are ordinary allocations, not humongous ones that would each
 * waste the rest of a region. Not thread-safe; confined to the merging thread.
 */
final class Pages {
  static final int BITS = 15;
  static final int SIZE = 1 << BITS;
  static final int MASK = SIZE - 1;

  private Pages() {}

  /** A double column; new pages are filled with a default (NaN for "absent"). */
  static final class Doubles {
    private double[][] pages = new double[8][];
    private final double fill;

    Doubles(double fill) {
      this.fill = fill;
    }

    void set(int i, double v) {
      int p = i >>> BITS;
      if (p >= pages.length) {
        pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
      }
      double[] page = pages[p];
      if (page == null) {
        page = new double[SIZE];
        if (fill != 0) {
          Arrays.fill(page, fill);
        }
        pages[p] = page;
      }
      page[i & MASK] = v;
    }

    double get(int i) {
      int p = i >>> BITS;
      if (p >= pages.length || pages[p] == null) {
        return fill;
      }
      return pages[p][i & MASK];
    }
  }

  /** A long column (zero by default). */
  static final class Longs {
    private long[][] pages = new long[8][];

    void set(int i, long v) {
      int p = i >>> BITS;
      if (p >= pages.length) {
        pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
      }
      if (pages[p] == null) {
        pages[p] = new long[SIZE];
      }
      pages[p][i & MASK] = v;
    }

    long get(int i) {
      int p = i >>> BITS;
      return p >= pages.length || pages[p] == null ? 0 : pages[p][i & MASK];
    }
  }

  /** An int column (zero by default). */
  static final class Ints {
    private int[][] pages = new int[8][];

    void set(int i, int v) {
      int p = i >>> BITS;
      if (p >= pages.length) {
        pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
      }
      if (pages[p] == null) {
        pages[p] = new int[SIZE];
      }
      pages[p][i & MASK] = v;
    }

    int get(int i) {
      int p = i >>> BITS;
      return p >= pages.length || pages[p] == null ? 0 : pages[p][i & MASK];
    }
  }

  /** A byte column (zero by default). */
  static final class Bytes {
    private byte[][] pages = new byte[8][];

    void set(int i, byte v) {
      int p = i >>> BITS;
      if (p >= pages.length) {
        pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
      }
      if (pages[p] == null) {
        pages[p] = new byte[SIZE];
      }
      pages[p][i & MASK] = v;
    }

    byte get(int i) {
      int p = i >>> BITS;
      return p >= pages.length || pages[p] == null ? 0 : pages[p][i & MASK];
    }
  }
}
