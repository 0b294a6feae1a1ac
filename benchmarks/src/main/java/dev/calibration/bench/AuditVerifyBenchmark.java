package dev.calibration.bench;

import dev.calibration.core.registry.AuditLog;
import dev.calibration.core.registry.AuditVerification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does {@code audit verify} take on a registry's audit log of N events, against the floor
 * of reading the file and hashing each line once (which any chain check must do)?
 *
 * <p>Every registry write verifies the chain under the lock, so this is also the per-write overhead
 * that grows with the log. Run:
 *
 * <pre>
 * mvn -o -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
 * java -jar benchmarks/target/benchmarks.jar AuditVerifyBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AuditVerifyBenchmark {
  @Param({"1000", "10000"})
  int events;

  private Path dir;

  /** Writes a well-chained audit log of {@code events} lines in the documented v1 format. */
  @Setup(Level.Trial)
  public void writeLog() throws IOException, NoSuchAlgorithmException {
    dir = Files.createTempDirectory("audit-verify-bench");
    StringBuilder log = new StringBuilder();
    String prev = "0".repeat(64);
    for (int seq = 1; seq <= events; seq++) {
      String line =
          "{\"seq\":"
              + seq
              + ",\"ts\":\"2026-11-23T10:15:00Z\",\"event\":\"proposed\",\"version\":\"cal-20261123-101500-"
              + String.format(java.util.Locale.ROOT, "%06x", seq)
              + "\",\"config_sha256\":\""
              + "ab".repeat(32)
              + "\",\"actor\":\"alice\",\"reason\":\"benchmark\",\"details\":{\"risk\":\"LOW\"},\"prev\":\""
              + prev
              + "\"}";
      log.append(line).append('\n');
      prev = sha256(line.getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(dir.resolve("audit.jsonl"), log.toString());
    Files.writeString(
        dir.resolve("audit.head"), "{\"seq\":" + events + ",\"hash\":\"" + prev + "\"}\n");
    AuditVerification v = AuditLog.verify(dir);
    if (!v.ok()) {
      throw new IllegalStateException("benchmark log does not verify: " + v.summary());
    }
  }

  /** Removes the temporary directory. */
  @TearDown(Level.Trial)
  public void delete() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The floor: read the file and SHA-256 every line once. */
  @Benchmark
  public int baseline() throws IOException, NoSuchAlgorithmException {
    List<String> lines = Files.readAllLines(dir.resolve("audit.jsonl"), StandardCharsets.UTF_8);
    int h = 0;
    for (String l : lines) {
      h += sha256(l.getBytes(StandardCharsets.UTF_8)).hashCode();
    }
    return h;
  }

  /** The full check: parse every event, link the chain, check the head. */
  @Benchmark
  public AuditVerification verify() throws IOException {
    return AuditLog.verify(dir);
  }

  private static String sha256(byte[] b) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
