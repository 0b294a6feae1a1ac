package dev.calibration.core.log;

import dev.calibration.api.Prediction;
import dev.calibration.api.PredictionSource;
import dev.calibration.core.internal.json.PredictionDecoder;
import dev.calibration.core.internal.json.RecordFormatException;
import dev.calibration.core.internal.log.LineScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads one or more JSONL prediction logs, in order, as a stream in constant memory.
 *
 * <p>Each line is decoded on its own with a streaming parser ({@link FieldMapping} says where the
 * parts are). What happens to each kind of line (see {@code docs/prediction-log.md}):
 *
 * <ul>
 *   <li>a valid record is read; a UTF-8 byte order mark at the start of a file and a {@code \r}
 *       before the {@code \n} are accepted;
 *   <li>a blank line is counted as blank;
 *   <li>the last line of a file without its {@code '\n'}: read if it is a complete record,
 *       otherwise (a writer killed mid-line, possibly NUL-padded) counted as truncated and
 *       reported with CAL-LOG-107, never fatal;
 *   <li>any other bad line (malformed JSON, content after the object, a missing id or timestamp,
 *       a wrong type, a non-finite number, a line over the length limit, which is skipped without
 *       being held in memory): {@link ReadPolicy#FAIL} throws a {@link LogReadException} naming the
 *       file, line, byte offset and field; {@link ReadPolicy#SKIP} counts it and keeps the first
 *       reasons.
 * </ul>
 *
 * <p>Immutable and thread-safe; each {@link #open()} starts a new, independent stream, which must
 * be consumed by one thread and closed.
 */
public final class JsonlPredictionSource implements PredictionSource {
  /** A line longer than the limit. */
  static final String LINE_TOO_LONG = "CAL-LOG-106";

  /** A torn last line. */
  static final String TRUNCATED = "CAL-LOG-107";

  /** The file could not be read. */
  static final String READ_FAILED = "CAL-LOG-110";

  private final List<Path> files;
  private final FieldMapping mapping;
  private final ReadPolicy policy;
  private final int maxLineBytes;
  private final int maxProblems;
  private volatile @Nullable Counters last;

  private JsonlPredictionSource(Builder b) {
    this.files = List.copyOf(b.files);
    this.mapping = b.mapping;
    this.policy = b.policy;
    this.maxLineBytes = b.maxLineBytes;
    this.maxProblems = b.maxProblems;
  }

  /** A source over {@code files} in the standard format, policy {@link ReadPolicy#FAIL}. */
  public static JsonlPredictionSource of(Path... files) {
    return builder(files).build();
  }

  /** A builder for a source over {@code files}, read in the given order. */
  public static Builder builder(Path... files) {
    return new Builder(files);
  }

  /** The files, in reading order. */
  public List<Path> files() {
    return files;
  }

  @Override
  public Stream<Prediction> open() {
    Counters c = new Counters();
    last = c;
    Reader reader = new Reader(c);
    return StreamSupport.stream(reader, false).onClose(reader::close);
  }

  /** The counts of the most recently opened stream (all zero before the first). */
  public ReadStats stats() {
    Counters c = last;
    return c == null ? new ReadStats(0, 0, 0, 0, 0, List.of()) : c.snapshot();
  }

  /** Counters of one stream: written by its reading thread, read by anyone. */
  private static final class Counters {
    volatile long files;
    volatile long read;
    volatile long skipped;
    volatile long truncated;
    volatile long blank;
    final List<String> problems = new ArrayList<>(); // guarded by itself

    ReadStats snapshot() {
      synchronized (problems) {
        return new ReadStats(files, read, skipped, truncated, blank, problems);
      }
    }
  }

  private final class Reader extends Spliterators.AbstractSpliterator<Prediction> {
    private final Counters counters;
    private final PredictionDecoder decoder = new PredictionDecoder(mapping);
    private int next;
    private @Nullable LineScanner scanner;
    private @Nullable Path current;

    Reader(Counters counters) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.counters = counters;
    }

    @Override
    public boolean tryAdvance(Consumer<? super Prediction> action) {
      while (true) {
        LineScanner s = scanner;
        Path file = current;
        if (s == null || file == null) {
          if (next >= files.size()) {
            return false;
          }
          file = files.get(next++);
          try {
            s = new LineScanner(Files.newInputStream(file), maxLineBytes);
          } catch (IOException e) {
            throw new LogReadException(
                READ_FAILED, file, 0, 0, null, "cannot open the log: " + e, e);
          }
          scanner = s;
          current = file;
          counters.files++;
        }
        Prediction p = nextRecord(s, file);
        if (p != null) {
          counters.read++;
          action.accept(p);
          return true;
        }
        if (scanner == null) {
          continue; // the file ended; go on with the next one
        }
      }
    }

    /** The next record of the file, or null after closing it at its end (scanner set to null). */
    private @Nullable Prediction nextRecord(LineScanner s, Path file) {
      try {
        while (s.next()) {
          if (s.tooLong()) {
            problem(
                s,
                file,
                LINE_TOO_LONG,
                null,
                "line of " + s.lineBytes() + " bytes exceeds the limit of " + maxLineBytes,
                null);
            continue;
          }
          byte[] a = s.array();
          int off = s.offset();
          int len = s.length();
          if (s.lineNumber() == 1
              && len >= 3
              && a[off] == (byte) 0xEF
              && a[off + 1] == (byte) 0xBB
              && a[off + 2] == (byte) 0xBF) {
            off += 3; // a UTF-8 byte order mark at the start of the file
            len -= 3;
          }
          if (isBlank(a, off, len)) {
            counters.blank++;
            continue;
          }
          try {
            return decoder.decode(a, off, len);
          } catch (RecordFormatException e) {
            if (!s.terminated()) {
              truncated(
                  s, file, "the last line has no '\\n' and is not a complete record: "
                      + e.getMessage());
              continue;
            }
            problem(s, file, e.code(), e.field().orElse(null), e.getMessage(), e);
          }
        }
      } catch (IOException e) {
        throw new LogReadException(
            READ_FAILED, file, s.lineNumber(), s.byteOffset(), null, "read failed: " + e, e);
      }
      close();
      return null;
    }

    private void truncated(LineScanner s, Path file, String message) {
      counters.truncated++;
      remember(s, file, TRUNCATED, message);
    }

    private void problem(
        LineScanner s,
        Path file,
        String code,
        @Nullable String field,
        String message,
        @Nullable Throwable cause) {
      if (policy == ReadPolicy.FAIL) {
        throw new LogReadException(
            code, file, s.lineNumber(), s.byteOffset(), field, message, cause);
      }
      counters.skipped++;
      remember(s, file, code, message);
    }

    private void remember(LineScanner s, Path file, String code, String message) {
      synchronized (counters.problems) {
        if (counters.problems.size() < maxProblems) {
          counters.problems.add(
              LogReadException.format(code, file, s.lineNumber(), s.byteOffset(), message));
        }
      }
    }

    void close() {
      LineScanner s = scanner;
      scanner = null;
      current = null;
      if (s != null) {
        try {
          s.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static boolean isBlank(byte[] a, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte b = a[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Builds a {@link JsonlPredictionSource}; each setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private final List<Path> files = new ArrayList<>();
    private FieldMapping mapping = FieldMapping.standard();
    private ReadPolicy policy = ReadPolicy.FAIL;
    private int maxLineBytes = 1024 * 1024;
    private int maxProblems = 10;

    private Builder(Path... files) {
      Objects.requireNonNull(files, "files must not be null");
      if (files.length == 0) {
        throw new IllegalArgumentException("files must name at least one log file but was empty");
      }
      for (int i = 0; i < files.length; i++) {
        this.files.add(Objects.requireNonNull(files[i], "files[" + i + "] must not be null"));
      }
    }

    /** Where the parts of a record are; default {@link FieldMapping#standard()}. */
    public Builder mapping(FieldMapping mapping) {
      this.mapping = Objects.requireNonNull(mapping, "mapping must not be null");
      return this;
    }

    /** What to do with a malformed line; default {@link ReadPolicy#FAIL}. */
    public Builder policy(ReadPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy must not be null");
      return this;
    }

    /** The longest accepted line in bytes, without its {@code '\n'}; default 1 MiB. */
    public Builder maxLineBytes(int bytes) {
      if (bytes < 16) {
        throw new IllegalArgumentException("maxLineBytes must be >= 16 but was " + bytes);
      }
      this.maxLineBytes = bytes;
      return this;
    }

    /** How many problem descriptions {@link ReadStats#problems()} keeps; default 10. */
    public Builder maxProblems(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("maxProblems must be >= 0 but was " + count);
      }
      this.maxProblems = count;
      return this;
    }

    /** Builds the source. */
    public JsonlPredictionSource build() {
      return new JsonlPredictionSource(this);
    }
  }
}
