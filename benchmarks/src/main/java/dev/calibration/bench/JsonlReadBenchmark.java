package dev.calibration.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calibration.api.Prediction;
import dev.calibration.core.internal.json.PredictionDecoder;
import dev.calibration.core.internal.json.PredictionJson;
import dev.calibration.core.internal.json.RecordFormatException;
import dev.calibration.core.log.JsonlPredictionSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many typical log lines per second does the reader turn into predictions (the run needs
 * 1,000,000/s or more), against the floor of Jackson's tree model parsing the same line?
 *
 * <ul>
 *   <li>{@link #baseline}: Jackson {@code readTree} of one line held in memory.
 *   <li>{@link #decodeLine}: {@code PredictionDecoder.decode} of one line held in memory (streaming
 *       parser, validation, the {@link Prediction} built).
 *   <li>{@link #readFile}: {@link JsonlPredictionSource} over a file of 100,000 lines (line
 *       splitting, I/O from the page cache, decoding); scores are lines per second.
 * </ul>
 *
 * <pre>
 * mvn -o -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
 * java -jar benchmarks/target/benchmarks.jar JsonlReadBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class JsonlReadBenchmark {
  static final int FILE_LINES = 100_000;

  byte[][] lines;
  int i;
  Path file;
  final PredictionDecoder decoder = new PredictionDecoder();
  final ObjectMapper jackson = new ObjectMapper();

  /** Encodes the ring of typical records and writes the file. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    lines = new byte[JsonlAppendBenchmark.RING][];
    for (int k = 0; k < lines.length; k++) {
      lines[k] = PredictionJson.toLine(JsonlAppendBenchmark.typical(k));
    }
    file = Files.createTempFile("jsonl-read", ".jsonl");
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int k = 0; k < FILE_LINES; k++) {
        out.write(lines[k % lines.length]);
      }
    }
  }

  /** Deletes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.delete(file);
  }

  /** The floor: Jackson's tree model on the same line. */
  @Benchmark
  public Object baseline() throws IOException {
    return jackson.readTree(lines[i++ & (lines.length - 1)]);
  }

  /** One line to one prediction. */
  @Benchmark
  public Prediction decodeLine() throws RecordFormatException {
    byte[] line = lines[i++ & (lines.length - 1)];
    return decoder.decode(line, 0, line.length - 1);
  }

  /** A whole file through the source; the score is in lines per second. */
  @Benchmark
  @OperationsPerInvocation(FILE_LINES)
  public long readFile() {
    try (Stream<Prediction> s = JsonlPredictionSource.of(file).open()) {
      return s.count();
    }
  }
}
