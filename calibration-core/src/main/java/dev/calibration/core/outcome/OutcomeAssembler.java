package dev.calibration.core.outcome;

import dev.calibration.api.Outcome;
import dev.calibration.api.OutcomeStatus;
import dev.calibration.core.internal.run.Numbers;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns one row of raw cells into an {@link Outcome} under a mapping and a policy, counting what
 * it skips. Shared by the CSV and JSONL sources so both read a row the same way.
 *
 * <p>Concurrency: confined to the thread consuming one opened stream; the counters are published
 * through {@link #stats()}, which is synchronized so another thread can read a consistent snapshot.
 */
final class OutcomeAssembler {
  private final OutcomeMapping mapping;
  private final OutcomeReadPolicy policy;
  // guarded by this
  private long read;
  private long skipped;
  private long nonNumeric;
  private final List<String> problems = new ArrayList<>();

  /** The outcome files a source builder was given: at least one, none null, as an immutable list. */
  static List<Path> files(Path... files) {
    Objects.requireNonNull(files, "files must not be null");
    if (files.length == 0) {
      throw new IllegalArgumentException("at least one outcome file is needed but none was given");
    }
    List<Path> list = new ArrayList<>();
    for (Path f : files) {
      list.add(Objects.requireNonNull(f, "files must not contain null"));
    }
    return List.copyOf(list);
  }

  OutcomeAssembler(OutcomeMapping mapping, OutcomeReadPolicy policy) {
    this.mapping = mapping;
    this.policy = policy;
  }

  synchronized OutcomeReadStats stats() {
    return new OutcomeReadStats(read, skipped, nonNumeric, problems);
  }

  /** Reports a bad row: throws under FAIL, counts it under SKIP. */
  synchronized void bad(String code, Path file, long line, String column, String reason) {
    OutcomeReadException e = new OutcomeReadException(code, file, line, column, reason);
    if (policy == OutcomeReadPolicy.FAIL) {
      throw e;
    }
    skipped++;
    note(e.getMessage());
  }

  private void note(String problem) {
    if (problems.size() < OutcomeReadStats.MAX_PROBLEMS) {
      problems.add(problem);
    }
  }

  /**
   * Builds the outcome of one row, or returns null when the row is bad and skipped.
   *
   * @param cells column name to raw text (a JSON number arrives as its text); absent columns are
   *     missing from the map, JSON nulls map to null
   */
  @Nullable Outcome assemble(Path file, long line, Map<String, @Nullable String> cells) {
    String id = cells.get(mapping.idColumn());
    if (id == null || id.isBlank()) {
      bad("CAL-OUT-002", file, line, mapping.idColumn(), "the id is missing or blank");
      return null;
    }
    OutcomeStatus status = OutcomeStatus.SETTLED;
    String rawStatus = cells.get(mapping.statusColumn());
    if (rawStatus != null) {
      Optional<OutcomeStatus> s = mapping.status(rawStatus);
      if (s.isEmpty()) {
        bad(
            "CAL-OUT-003",
            file,
            line,
            mapping.statusColumn(),
            "unknown status '" + rawStatus + "' (known: settled, void, push and mapped values)");
        return null;
      }
      status = s.get();
    }
    Optional<Instant> ts = Optional.empty();
    if (mapping.timestampColumn().isPresent()) {
      String rawTs = cells.get(mapping.timestampColumn().get());
      if (rawTs != null && !rawTs.isBlank()) {
        ts = OutcomeMapping.parseTimestamp(rawTs);
        if (ts.isEmpty()) {
          bad(
              "CAL-OUT-004",
              file,
              line,
              mapping.timestampColumn().get(),
              "the timestamp '" + rawTs + "' is not an ISO-8601 instant");
          return null;
        }
      }
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (Map.Entry<String, @Nullable String> e : cells.entrySet()) {
      String column = e.getKey();
      String raw = e.getValue();
      if (raw == null || !mapping.isValueColumn(column) || raw.isBlank()) {
        continue;
      }
      double v = Numbers.parse(raw);
      if (Double.isNaN(v)) {
        synchronized (this) {
          nonNumeric++;
          note(
              "CAL-OUT-005: "
                  + file
                  + ":"
                  + line
                  + " column '"
                  + column
                  + "': '"
                  + raw
                  + "' is not a finite number; the value is left out");
        }
        continue;
      }
      values.put(column, v);
    }
    synchronized (this) {
      read++;
    }
    return new Outcome(id, ts, values, status);
  }
}
