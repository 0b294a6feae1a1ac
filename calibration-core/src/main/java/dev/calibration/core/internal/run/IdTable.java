package dev.calibration.core.internal.run;

import java.util.Arrays;

/**
 * An open-addressing hash set of ids (byte strings) numbering each distinct id 0, 1, 2, ... in
 * insertion order. Memory per id: its bytes in a paged arena, one long locating them, and 8 to 16
 * bytes of slot (load factor at most 0.6); no object per id.
 *
 * <p>A slot holds the upper 32 bits of the id's 64-bit hash and the entry number + 1, so a probe
 * touches one array; a hit is confirmed by comparing the full id bytes, so hash collisions never
 * merge two ids.
 *
 * <p>Concurrency: not thread-safe; confined to the run's merging thread.
 */
final class IdTable {
  private static final int PAGE_BITS = 24;
  private static final int PAGE_SIZE = 1 << PAGE_BITS;

  private long[] slots;
  private int mask;
  private int size;
  private long[] where = new long[1024]; // page << 40 | offset << 16 | length
  private byte[][] pages = new byte[4][];
  private int page = -1;
  private int pageUsed = PAGE_SIZE;

  IdTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected / 0.6 + 1)) - 1) << 1;
    slots = new long[cap];
    mask = cap - 1;
  }

  int size() {
    return size;
  }

  /**
   * Reads the first slot an id of this hash probes and returns it, so that a caller can start the
   * (likely cache-missing) load a few rows before it needs the slot; the value itself is of no use.
   */
  long touch(long hash) {
    return slots[(int) hash & mask];
  }

  /** The entry number of the id, or -1. */
  int find(byte[] b, int off, int len, long hash) {
    int high = (int) (hash >>> 32);
    int i = (int) hash & mask;
    while (true) {
      long s = slots[i];
      if (s == 0) {
        return -1;
      }
      if ((int) (s >>> 32) == high) {
        int e = (int) s - 1;
        if (same(e, b, off, len)) {
          return e;
        }
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * Adds the id if new. Returns its new entry number, or {@code -(existing + 1)} when it was
   * present.
   */
  int add(byte[] b, int off, int len, long hash) {
    int high = (int) (hash >>> 32);
    int i = (int) hash & mask;
    while (true) {
      long s = slots[i];
      if (s == 0) {
        break;
      }
      if ((int) (s >>> 32) == high) {
        int e = (int) s - 1;
        if (same(e, b, off, len)) {
          return -(e + 1);
        }
      }
      i = (i + 1) & mask;
    }
    int e = size++;
    if (e == where.length) {
      where = Arrays.copyOf(where, where.length * 2);
    }
    where[e] = store(b, off, len);
    slots[i] = ((long) high << 32) | (e + 1L);
    if (size > slots.length * 0.6) {
      grow();
    }
    return e;
  }

  private long store(byte[] b, int off, int len) {
    if (len > 0xFFFF) {
      throw new IllegalArgumentException("ids longer than 65535 bytes are not supported");
    }
    if (pageUsed + len > PAGE_SIZE) {
      page++;
      if (page == pages.length) {
        pages = Arrays.copyOf(pages, pages.length * 2);
      }
      pages[page] = new byte[PAGE_SIZE];
      pageUsed = 0;
    }
    System.arraycopy(b, off, pages[page], pageUsed, len);
    long loc = ((long) page << 40) | ((long) pageUsed << 16) | len;
    pageUsed += len;
    return loc;
  }

  private boolean same(int e, byte[] b, int off, int len) {
    long loc = where[e];
    if ((int) (loc & 0xFFFF) != len) {
      return false;
    }
    int p = (int) (loc >>> 40);
    int o = (int) ((loc >>> 16) & 0xFFFFFF);
    byte[] page = pages[p];
    for (int k = 0; k < len; k++) { // ids are short: a plain loop beats a vectorized call
      if (page[o + k] != b[off + k]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    mask = slots.length - 1;
    for (long s : old) {
      if (s != 0) {
        int e = (int) s - 1;
        long loc = where[e];
        int p = (int) (loc >>> 40);
        int o = (int) ((loc >>> 16) & 0xFFFFFF);
        long h = Hashing.hash(pages[p], o, (int) (loc & 0xFFFF));
        int i = (int) h & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = s;
      }
    }
  }
}
