package dev.calibration.core.outcome;

import dev.calibration.api.OutcomeStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the columns (CSV) or fields (JSONL) of an outcome file map to an {@link
 * dev.calibration.api.Outcome}: the id column, an optional timestamp column, an optional status
 * column with its values, and the value columns.
 *
 * <p>Defaults: id from {@code id}; no timestamp; status from {@code status} when the file has that
 * column (otherwise every row is settled), where {@code settled}, {@code void} and {@code push}
 * (any case, surrounding spaces ignored) and an empty cell (settled) are understood; every other
 * column is a value column. Immutable.
 */
public final class OutcomeMapping {
  private static final String DEFAULT_STATUS = "status";

  private final String idColumn;
  private final Optional<String> timestampColumn;
  private final String statusColumn;
  private final boolean statusRequired;
  private final Map<String, OutcomeStatus> statusValues;
  private final List<String> valueColumns;

  private OutcomeMapping(Builder b) {
    this.idColumn = b.idColumn;
    this.timestampColumn = Optional.ofNullable(b.timestampColumn);
    this.statusColumn = b.statusColumn;
    this.statusRequired = b.statusRequired;
    this.statusValues = Map.copyOf(b.statusValues);
    this.valueColumns = List.copyOf(b.valueColumns);
  }

  /** The default mapping (see the class description). */
  public static OutcomeMapping defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The id column. */
  public String idColumn() {
    return idColumn;
  }

  /** The timestamp column, if mapped. */
  public Optional<String> timestampColumn() {
    return timestampColumn;
  }

  /** The status column. */
  public String statusColumn() {
    return statusColumn;
  }

  /** Whether the status column must exist ({@code true} when it was set explicitly). */
  public boolean statusRequired() {
    return statusRequired;
  }

  /** The value columns; empty means every column that is not id, timestamp or status. */
  public List<String> valueColumns() {
    return valueColumns;
  }

  /**
   * The status a raw cell stands for, trimmed and compared case-insensitively; empty when the text
   * is not a known status.
   */
  public Optional<OutcomeStatus> status(String raw) {
    return Optional.ofNullable(statusValues.get(raw.strip().toLowerCase(Locale.ROOT)));
  }

  /** Whether a column (that is not id, timestamp or status) is read as a value. */
  public boolean isValueColumn(String column) {
    if (column.equals(idColumn)
        || column.equals(statusColumn)
        || timestampColumn.filter(column::equals).isPresent()) {
      return false;
    }
    return valueColumns.isEmpty() || valueColumns.contains(column);
  }

  /**
   * Parses a timestamp cell: an ISO-8601 instant ({@code 2026-11-23T10:15:00Z}) or date-time with
   * offset; empty when the text is neither.
   */
  public static Optional<Instant> parseTimestamp(String raw) {
    String s = raw.strip();
    try {
      return Optional.of(Instant.parse(s));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(OffsetDateTime.parse(s).toInstant());
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutcomeMapping
        && ((OutcomeMapping) o).idColumn.equals(idColumn)
        && ((OutcomeMapping) o).timestampColumn.equals(timestampColumn)
        && ((OutcomeMapping) o).statusColumn.equals(statusColumn)
        && ((OutcomeMapping) o).statusRequired == statusRequired
        && ((OutcomeMapping) o).statusValues.equals(statusValues)
        && ((OutcomeMapping) o).valueColumns.equals(valueColumns);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        idColumn, timestampColumn, statusColumn, statusRequired, statusValues, valueColumns);
  }

  @Override
  public String toString() {
    return "OutcomeMapping[id="
        + idColumn
        + ", timestamp="
        + timestampColumn.orElse("-")
        + ", status="
        + statusColumn
        + ", values="
        + (valueColumns.isEmpty() ? "*" : valueColumns)
        + "]";
  }

  /** Builds an {@link OutcomeMapping}; each setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private String idColumn = "id";
    private @org.jspecify.annotations.Nullable String timestampColumn;
    private String statusColumn = DEFAULT_STATUS;
    private boolean statusRequired;
    private final Map<String, OutcomeStatus> statusValues = new LinkedHashMap<>();
    private final Set<String> valueColumns = new LinkedHashSet<>();

    private Builder() {
      statusValues.put("", OutcomeStatus.SETTLED);
      statusValues.put("settled", OutcomeStatus.SETTLED);
      statusValues.put("void", OutcomeStatus.VOID);
      statusValues.put("push", OutcomeStatus.PUSH);
    }

    /** The id column (default {@code id}). */
    public Builder idColumn(String column) {
      this.idColumn = column(column, "idColumn");
      return this;
    }

    /** The timestamp column (default: none). */
    public Builder timestampColumn(String column) {
      this.timestampColumn = column(column, "timestampColumn");
      return this;
    }

    /** The status column, which then must exist in the file. */
    public Builder statusColumn(String column) {
      this.statusColumn = column(column, "statusColumn");
      this.statusRequired = true;
      return this;
    }

    /** Maps one more raw status text (compared trimmed and case-insensitively) to a status. */
    public Builder statusValue(String raw, OutcomeStatus status) {
      Objects.requireNonNull(raw, "status text must not be null");
      Objects.requireNonNull(status, "status must not be null");
      statusValues.put(raw.strip().toLowerCase(Locale.ROOT), status);
      return this;
    }

    /** Restricts the value columns to these (default: every other column). */
    public Builder valueColumns(String... columns) {
      for (String c : columns) {
        valueColumns.add(column(c, "valueColumns"));
      }
      return this;
    }

    /** Builds the mapping. */
    public OutcomeMapping build() {
      Set<String> roles = new LinkedHashSet<>();
      roles.add(idColumn);
      if (!roles.add(statusColumn)) {
        throw new IllegalStateException(
            "statusColumn must differ from idColumn but both were '" + idColumn + "'");
      }
      if (timestampColumn != null && !roles.add(timestampColumn)) {
        throw new IllegalStateException(
            "timestampColumn must differ from the id and status columns but was '"
                + timestampColumn
                + "'");
      }
      return new OutcomeMapping(this);
    }

    private static String column(String name, String what) {
      Objects.requireNonNull(name, () -> what + " must not be null");
      if (name.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return name;
    }
  }
}
