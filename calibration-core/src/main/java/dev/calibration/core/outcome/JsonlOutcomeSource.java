package dev.calibration.core.outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calibration.api.Outcome;
import dev.calibration.api.OutcomeSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
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
 * Reads outcomes from JSONL files: one flat JSON object per line, such as {@code
 * {"id":"SKU001","status":"settled","sold_60d":1,"realized_price":44.5}}, mapped by an {@link
 * OutcomeMapping} (field names play the role of columns). Blank lines are ignored.
 *
 * <p>Bad lines (not a JSON object, blank id, unknown status, bad timestamp) follow the {@link
 * OutcomeReadPolicy}. A value field that is not a finite number (a string that is not a decimal, a
 * boolean, an object) is left out and counted in {@link OutcomeReadStats#nonNumeric()}; a JSON
 * {@code null} is simply absent.
 *
 * <p>Concurrency: the source is immutable apart from the statistics of the latest opened stream,
 * held in a volatile field; each opened stream is confined to its consumer.
 */
public final class JsonlOutcomeSource implements OutcomeSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Path> files;
  private final OutcomeMapping mapping;
  private final OutcomeReadPolicy policy;
  private volatile @Nullable OutcomeAssembler latest;

  private JsonlOutcomeSource(List<Path> files, OutcomeMapping mapping, OutcomeReadPolicy policy) {
    this.files = files;
    this.mapping = mapping;
    this.policy = policy;
  }

  /** A source over these files with the default mapping and {@link OutcomeReadPolicy#FAIL}. */
  public static JsonlOutcomeSource of(Path... files) {
    return builder(files).build();
  }

  /** A builder over these files. */
  public static Builder builder(Path... files) {
    return new Builder(files);
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
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("CAL-OUT-001: cannot read " + file + ": " + e.getMessage(), e);
    }
    Spliterator<Outcome> split =
        new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
          long line;

          @Override
          public boolean tryAdvance(Consumer<? super Outcome> action) {
            try {
              String text;
              while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                  continue;
                }
                Outcome o = parseLine(file, line, text, assembler);
                if (o != null) {
                  action.accept(o);
                  return true;
                }
              }
              return false;
            } catch (IOException e) {
              throw new UncheckedIOException(
                  "CAL-OUT-001: cannot read " + file + ": " + e.getMessage(), e);
            }
          }
        };
    return StreamSupport.stream(split, false)
        .onClose(
            () -> {
              try {
                reader.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private @Nullable Outcome parseLine(
      Path file, long line, String text, OutcomeAssembler assembler) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      assembler.bad(
          "CAL-OUT-007", file, line, "", "not valid JSON: " + e.getOriginalMessage());
      return null;
    }
    if (node == null || !node.isObject()) {
      assembler.bad("CAL-OUT-007", file, line, "", "the line is not a JSON object");
      return null;
    }
    Map<String, @Nullable String> cells = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode v = f.getValue();
      if (v.isNull()) {
        cells.put(f.getKey(), null);
      } else if (v.isNumber() || v.isTextual()) {
        cells.put(f.getKey(), v.asText());
      } else {
        cells.put(f.getKey(), v.toString()); // a boolean or structure: not a number, not an id
      }
    }
    return assembler.assemble(file, line, cells);
  }

  /** Builds a {@link JsonlOutcomeSource}; each setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private final List<Path> files;
    private OutcomeMapping mapping = OutcomeMapping.defaults();
    private OutcomeReadPolicy policy = OutcomeReadPolicy.FAIL;

    private Builder(Path... files) {
      this.files = OutcomeAssembler.files(files);
    }

    /** The field mapping (default {@link OutcomeMapping#defaults()}). */
    public Builder mapping(OutcomeMapping mapping) {
      this.mapping = Objects.requireNonNull(mapping, "mapping must not be null");
      return this;
    }

    /** The bad-line policy (default {@link OutcomeReadPolicy#FAIL}). */
    public Builder policy(OutcomeReadPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy must not be null");
      return this;
    }

    /** Builds the source. */
    public JsonlOutcomeSource build() {
      return new JsonlOutcomeSource(files, mapping, policy);
    }
  }
}
