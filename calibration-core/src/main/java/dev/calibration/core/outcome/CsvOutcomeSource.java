package dev.calibration.core.outcome;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.calibration.api.Outcome;
import dev.calibration.api.OutcomeSource;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads outcomes from CSV files with a header row (RFC 4180 quoting, UTF-8), mapped to {@link
 * Outcome}s by an {@link OutcomeMapping}. Files are read in the order given, rows in file order.
 * Line numbers count the header as line 1 and assume no line breaks inside quoted cells.
 *
 * <p>Bad rows (blank id, a row with a different number of cells than the header, unknown status,
 * bad timestamp) follow the {@link OutcomeReadPolicy}. A value cell that is not a finite number is
 * left out of the outcome and counted in {@link OutcomeReadStats#nonNumeric()}.
 *
 * <p>Concurrency: the source is immutable apart from the statistics of the latest opened stream,
 * held in a volatile field; each opened stream is confined to its consumer.
 */
public final class CsvOutcomeSource implements OutcomeSource {
  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

  private final List<Path> files;
  private final OutcomeMapping mapping;
  private final OutcomeReadPolicy policy;
  private volatile @Nullable OutcomeAssembler latest;

  private CsvOutcomeSource(List<Path> files, OutcomeMapping mapping, OutcomeReadPolicy policy) {
    this.files = files;
    this.mapping = mapping;
    this.policy = policy;
  }

  /** A source over these files with the default mapping and {@link OutcomeReadPolicy#FAIL}. */
  public static CsvOutcomeSource of(Path... files) {
    return builder(files).build();
  }

  /** A builder over these files. */
  public static Builder builder(Path... files) {
    return new Builder(files);
  }

  /** The files, in reading order. */
  public List<Path> files() {
    return files;
  }

  /** The column mapping. */
  public OutcomeMapping mapping() {
    return mapping;
  }

  /** The bad-row policy. */
  public OutcomeReadPolicy policy() {
    return policy;
  }

  /** What the most recently opened stream has read so far (empty before the first open). */
  public OutcomeReadStats stats() {
    OutcomeAssembler a = latest;
    return a == null ? OutcomeReadStats.empty() : a.stats();
  }

  @Override
  public Stream<Outcome> open() {
    OutcomeAssembler assembler = new OutcomeAssembler(mapping, policy);
    latest = assembler;
    Stream<Outcome> all = Stream.empty();
    for (Path f : files) {
      Stream<Outcome> prev = all;
      all = Stream.concat(prev, Stream.of(f).flatMap(p -> openFile(p, assembler)));
    }
    return all;
  }

  private Stream<Outcome> openFile(Path file, OutcomeAssembler assembler) {
    Reader reader;
    MappingIterator<String[]> rows;
    String[] header;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      rows = CSV.readerFor(String[].class).readValues(reader);
      if (!rows.hasNextValue()) {
        rows.close();
        throw new OutcomeReadException("CAL-OUT-001", file, 1, "", "the file has no header row");
      }
      header = rows.nextValue();
    } catch (IOException e) {
      throw new UncheckedIOException("CAL-OUT-001: cannot read " + file + ": " + e.getMessage(), e);
    }
    checkHeader(file, header);
    Spliterator<Outcome> split =
        new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
          long line = 1;

          @Override
          public boolean tryAdvance(Consumer<? super Outcome> action) {
            try {
              while (rows.hasNextValue()) {
                String[] row = rows.nextValue();
                line++;
                if (row.length == 1 && row[0].isEmpty()) {
                  continue; // a blank line
                }
                if (row.length != header.length) {
                  assembler.bad(
                      "CAL-OUT-006",
                      file,
                      line,
                      "",
                      "the row has " + row.length + " cells but the header has " + header.length);
                  continue;
                }
                Map<String, @Nullable String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                  cells.put(header[i], row[i]);
                }
                Outcome o = assembler.assemble(file, line, cells);
                if (o != null) {
                  action.accept(o);
                  return true;
                }
              }
              return false;
            } catch (IOException | RuntimeException e) {
              if (e instanceof OutcomeReadException) {
                throw (OutcomeReadException) e;
              }
              throw new OutcomeReadException(
                  "CAL-OUT-001", file, line + 1, "", "unreadable CSV: " + e.getMessage());
            }
          }
        };
    return StreamSupport.stream(split, false)
        .onClose(
            () -> {
              try {
                rows.close();
                reader.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private void checkHeader(Path file, String[] header) {
    List<String> cols = Arrays.asList(header);
    if (new HashSet<>(cols).size() != cols.size()) {
      throw new OutcomeReadException(
          "CAL-OUT-001", file, 1, "", "the header repeats a column name: " + cols);
    }
    requireColumn(file, cols, mapping.idColumn(), "id");
    if (mapping.statusRequired()) {
      requireColumn(file, cols, mapping.statusColumn(), "status");
    }
    if (mapping.timestampColumn().isPresent()) {
      requireColumn(file, cols, mapping.timestampColumn().get(), "timestamp");
    }
    for (String v : mapping.valueColumns()) {
      requireColumn(file, cols, v, "value");
    }
  }

  private static void requireColumn(Path file, List<String> cols, String column, String role) {
    if (!cols.contains(column)) {
      throw new OutcomeReadException(
          "CAL-OUT-001",
          file,
          1,
          column,
          "the header has no " + role + " column '" + column + "'; columns are " + cols);
    }
  }

  /** Builds a {@link CsvOutcomeSource}; each setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private final List<Path> files;
    private OutcomeMapping mapping = OutcomeMapping.defaults();
    private OutcomeReadPolicy policy = OutcomeReadPolicy.FAIL;

    private Builder(Path... files) {
      this.files = OutcomeAssembler.files(files);
    }

    /** The column mapping (default {@link OutcomeMapping#defaults()}). */
    public Builder mapping(OutcomeMapping mapping) {
      this.mapping = Objects.requireNonNull(mapping, "mapping must not be null");
      return this;
    }

    /** The bad-row policy (default {@link OutcomeReadPolicy#FAIL}). */
    public Builder policy(OutcomeReadPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy must not be null");
      return this;
    }

    /** Builds the source. */
    public CsvOutcomeSource build() {
      return new CsvOutcomeSource(files, mapping, policy);
    }
  }
}
