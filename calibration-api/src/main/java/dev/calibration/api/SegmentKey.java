package dev.calibration.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The segment attributes of one prediction (e.g. {@code condition=used_good, region=eu}), built
 * once and passed to {@link CalibrationSnapshot#calibrate(String, SegmentKey, double)} on every
 * prediction.
 *
 * <p>Immutable and thread-safe. Attributes are held sorted by name, so two keys with the same
 * attributes are equal whatever order they were given in. The hash code is computed once, at
 * construction, so a snapshot can find what it resolved for a key without hashing strings. Build a
 * key once per segment and keep it: that is what makes the host's lookup allocation-free.
 */
public final class SegmentKey {

  private static final SegmentKey EMPTY = new SegmentKey(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private final int hash;

  private SegmentKey(String[] names, String[] values) {
    this.names = names;
    this.values = values;
    this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  /** The key with no attributes: only a target's default calibrator applies to it. */
  public static SegmentKey empty() {
    return EMPTY;
  }

  /**
   * A key of the given attributes.
   *
   * @throws NullPointerException when a name or value is null, naming it
   */
  public static SegmentKey of(Map<String, String> attributes) {
    Checks.notNull(attributes, "attributes");
    if (attributes.isEmpty()) {
      return EMPTY;
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String name = Checks.notNull(e.getKey(), "attribute name");
      sorted.put(name, Checks.notNull(e.getValue(), "attribute " + name));
    }
    String[] n = new String[sorted.size()];
    String[] v = new String[sorted.size()];
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      n[i] = e.getKey();
      v[i] = e.getValue();
      i++;
    }
    return new SegmentKey(n, v);
  }

  /** A key of one attribute, e.g. {@code SegmentKey.of("condition", "new")}. */
  public static SegmentKey of(String name, String value) {
    Checks.notNull(name, "attribute name");
    Checks.notNull(value, "attribute " + name);
    return new SegmentKey(new String[] {name}, new String[] {value});
  }

  /** The number of attributes. */
  public int size() {
    return names.length;
  }

  /** The name of the {@code i}-th attribute in name order. */
  public String name(int i) {
    return names[i];
  }

  /** The value of the {@code i}-th attribute in name order. */
  public String value(int i) {
    return values[i];
  }

  /** The value of the named attribute, if the key has it. */
  public Optional<String> get(String name) {
    int i = Arrays.binarySearch(names, name);
    return i >= 0 ? Optional.of(values[i]) : Optional.empty();
  }

  /**
   * Whether every attribute of {@code other} is in this key with the same value (a key contains
   * itself and the empty key). A segment rule matching {@code other} applies to this key.
   */
  public boolean contains(SegmentKey other) {
    int j = 0;
    for (int i = 0; i < other.names.length; i++) {
      String name = other.names[i];
      while (j < names.length && names[j].compareTo(name) < 0) {
        j++;
      }
      if (j == names.length || !names[j].equals(name) || !values[j].equals(other.values[i])) {
        return false;
      }
      j++;
    }
    return true;
  }

  /** The attributes as an unmodifiable map in name order. */
  public Map<String, String> attributes() {
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], values[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SegmentKey)) {
      return false;
    }
    SegmentKey k = (SegmentKey) o;
    return hash == k.hash && Arrays.equals(names, k.names) && Arrays.equals(values, k.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The attributes as {@code name=value} pairs joined by commas, in name order. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(names[i]).append('=').append(values[i]);
    }
    return sb.toString();
  }
}
