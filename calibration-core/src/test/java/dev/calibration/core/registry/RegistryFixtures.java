package dev.calibration.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calibration.api.ProposalRisk;
import dev.calibration.api.VersionCandidate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Small candidates and file readers shared by the registry tests. */
final class RegistryFixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private RegistryFixtures() {}

  static byte[] config(double factor) {
    return String.format(
            Locale.ROOT,
            "{\"schema\":1,\"version\":\"draft\",\"factors\":{\"CONDITION_PRICE_FACTOR\":{\"used_good\":%s}}}",
            Double.toString(factor))
        .getBytes(StandardCharsets.UTF_8);
  }

  static VersionCandidate candidate(double factor, ProposalRisk risk) {
    return VersionCandidate.of(
        config(factor), "{\"rationale\":\"test\"}".getBytes(StandardCharsets.UTF_8), risk);
  }

  static VersionCandidate candidate(double factor) {
    return candidate(factor, ProposalRisk.LOW);
  }

  /** SHA-256 as hex computed independently of the registry, with the JDK's digest. */
  static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static List<String> lines(Path dir) throws IOException {
    return Files.readAllLines(dir.resolve("audit.jsonl"), StandardCharsets.UTF_8);
  }

  static void writeLines(Path dir, List<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    Files.writeString(dir.resolve("audit.jsonl"), sb.toString(), StandardCharsets.UTF_8);
  }

  static JsonNode json(Path file) throws IOException {
    return MAPPER.readTree(Files.readAllBytes(file));
  }
}
