package dev.calibration.core.overrides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.calibration.core.overrides.FactorOverrides.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FactorOverridesTest {
  private static final String TABLE = "CONDITION_PRICE_FACTOR";
  private static final Map<String, Map<String, Double>> DEFAULTS =
      Map.of(TABLE, Map.of("new", 0.99, "used_good", 0.88));
  private static final Set<String> ALLOWED = Set.of(TABLE);

  @TempDir Path dir;

  private FactorOverrides load(Path file) {
    return FactorOverrides.fromEnv(
        "OVR",
        DEFAULTS,
        ALLOWED,
        FactorBounds.DEFAULT,
        name -> name.equals("OVR") ? file.toString() : null);
  }

  /** File states whose result is the defaults unchanged, with the documented status and code. */
  static Stream<Arguments> unusableFiles() {
    return Stream.of(
        Arguments.of("missing file", "missing", Status.MISSING, "CAL-OVR-001"),
        Arguments.of(
            "a directory where the file should be", "directory", Status.FAILED, "CAL-OVR-002"),
        Arguments.of("unreadable file", "unreadable", Status.FAILED, "CAL-OVR-003"),
        Arguments.of(
            "invalid JSON",
            "{\"CONDITION_PRICE_FACTOR\": {\"new\": 0.9,",
            Status.FAILED,
            "CAL-OVR-004"),
        Arguments.of("a JSON array", "[0.9]", Status.FAILED, "CAL-OVR-004"),
        Arguments.of("empty file", "", Status.FAILED, "CAL-OVR-004"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableFiles")
  void fromEnv_unusableFile_defaultsUnchangedWithOneIgnoredEntry(
      String name, String content, Status status, String code) throws IOException {
    Path file = dir.resolve("overrides.json");
    switch (content) {
      case "missing":
        break;
      case "directory":
        Files.createDirectory(file);
        break;
      case "unreadable":
        file = unreadableFile(file);
        break;
      default:
        Files.writeString(file, content);
    }
    FactorOverrides o = load(file);
    assertEquals(status, o.status());
    assertEquals(DEFAULTS, o.factors());
    assertEquals(List.of(), o.applied());
    assertEquals(1, o.ignored().size(), o.ignored().toString());
    assertEquals(code, o.ignored().get(0).code());
    assertTrue(o.ignored().get(0).location().contains(file.toString()));
  }

  /**
   * A file this process cannot read: mode 000, or, when running as root, a file whose read fails
   * with EIO.
   */
  private static Path unreadableFile(Path file) throws IOException {
    Files.writeString(file, "{}");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; fall through to the check below
    }
    if (!Files.isReadable(file) || !readable(file)) {
      return file;
    }
    Path mem = Path.of("/proc/self/mem"); // exists, is a file, and reading offset 0 fails with EIO
    assumeTrue(Files.exists(mem) && !readable(mem), "no way to make an unreadable file here");
    return mem;
  }

  private static boolean readable(Path p) {
    try {
      Files.readAllBytes(p);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void fromEnv_variableUnset_defaultsUnchangedNotConfigured() {
    FactorOverrides o =
        FactorOverrides.fromEnv("OVR", DEFAULTS, ALLOWED, FactorBounds.DEFAULT, name -> null);
    assertEquals(Status.NOT_CONFIGURED, o.status());
    assertEquals(DEFAULTS, o.factors());
    assertEquals(List.of(), o.ignored());
  }

  @Test
  void fromEnv_validFile_mergesOverDefaultsKeepingUntouchedKeys() throws IOException {
    Path file = dir.resolve("o.json");
    Files.writeString(file, "{\"CONDITION_PRICE_FACTOR\":{\"used_good\":0.85,\"for_parts\":0.6}}");
    FactorOverrides o = load(file);
    assertEquals(Status.LOADED, o.status());
    assertEquals(Map.of("new", 0.99, "used_good", 0.85, "for_parts", 0.6), o.factors().get(TABLE));
    assertEquals(2, o.applied().size());
    assertEquals(0.85, o.factor(TABLE, "used_good").orElseThrow());
  }

  @Test
  void fromEnv_unknownTable_ignoredWithCode005AndAllowedTableStillApplied() throws IOException {
    Path file = dir.resolve("o.json");
    Files.writeString(
        file, "{\"SHIPPING_FACTOR\":{\"x\":1.0},\"CONDITION_PRICE_FACTOR\":{\"new\":1.0}}");
    FactorOverrides o = load(file);
    assertEquals(
        List.of("CAL-OVR-005"),
        o.ignored().stream().map(FactorOverrides.Ignored::code).collect(Collectors.toList()));
    assertTrue(o.ignored().get(0).location().endsWith("$.SHIPPING_FACTOR"));
    assertEquals(1.0, o.factor(TABLE, "new").orElseThrow());
    assertTrue(o.factor("SHIPPING_FACTOR", "x").isEmpty());
  }

  @Test
  void fromEnv_outOfBoundsValues_clampedToBoundsAndMarked() throws IOException {
    Path file = dir.resolve("o.json");
    Files.writeString(
        file, "{\"CONDITION_PRICE_FACTOR\":{\"new\":1.5,\"used_good\":0.1,\"used_fair\":0.7}}");
    FactorOverrides o = load(file);
    assertEquals(1.2, o.factor(TABLE, "new").orElseThrow());
    assertEquals(0.5, o.factor(TABLE, "used_good").orElseThrow());
    assertEquals(0.7, o.factor(TABLE, "used_fair").orElseThrow());
    assertEquals(
        List.of(true, true, false),
        o.applied().stream().map(FactorOverrides.Applied::clamped).collect(Collectors.toList()));
    assertEquals(1.5, o.applied().get(0).requested());
  }

  @Test
  void fromEnv_nonNumericValues_eachIgnoredWithCode006AndNumbersBesideThemApplied()
      throws IOException {
    Path file = dir.resolve("o.json");
    Files.writeString(
        file,
        "{\"CONDITION_PRICE_FACTOR\":{\"a\":\"0.9\",\"b\":true,\"c\":null,\"d\":{},\"new\":0.95}}");
    FactorOverrides o = load(file);
    assertEquals(4, o.ignored().size());
    assertTrue(o.ignored().stream().allMatch(i -> i.code().equals("CAL-OVR-006")));
    assertEquals(
        List.of("a", "b", "c", "d"),
        o.ignored().stream()
            .map(i -> i.location().substring(i.location().lastIndexOf('.') + 1))
            .collect(Collectors.toList()));
    assertEquals(0.95, o.factor(TABLE, "new").orElseThrow());
    assertEquals(1, o.applied().size());
  }

  @Test
  void fromSystemProperty_pointsAtFile_loadsIt() throws IOException {
    Path file = dir.resolve("o.json");
    Files.writeString(file, "{\"CONDITION_PRICE_FACTOR\":{\"new\":0.9}}", StandardCharsets.UTF_8);
    String property = "calibration.test.overrides." + System.nanoTime();
    System.setProperty(property, file.toString());
    try {
      FactorOverrides o =
          FactorOverrides.fromSystemProperty(property, DEFAULTS, ALLOWED, FactorBounds.DEFAULT);
      assertEquals(0.9, o.factor(TABLE, "new").orElseThrow());
    } finally {
      System.clearProperty(property);
    }
  }

  @Property(tries = 200)
  void fromFile_anyFiniteValues_everyOverrideLiesWithinBounds(
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double a,
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double b,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double lo,
      @ForAll @DoubleRange(min = 1.0, max = 2.0) double hi)
      throws IOException {
    Path file = Files.createTempFile("overrides", ".json");
    try {
      Files.writeString(
          file, "{\"CONDITION_PRICE_FACTOR\":{\"new\":" + a + ",\"used_good\":" + b + "}}");
      FactorBounds bounds = new FactorBounds(lo, hi);
      FactorOverrides o = FactorOverrides.fromFile(file, DEFAULTS, ALLOWED, bounds);
      for (double v : o.factors().get(TABLE).values()) {
        assertTrue(bounds.contains(v), v + " outside " + bounds);
      }
      assertEquals(Math.max(lo, Math.min(hi, a)), o.factor(TABLE, "new").orElseThrow());
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
