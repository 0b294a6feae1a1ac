package dev.calibration.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.SegmentKey;
import dev.calibration.core.config.CalibrationConfig;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a snapshot answers: segment fallback, factor merging and clamping, weights. */
class SnapshotTest {

  /**
   * Target p: default b=1; rules, in config order: {c=new} b=2, {c=new,r=eu} b=3, {r=eu} b=4,
   * {t=x} b=5 (ties with {c=new} and {r=eu}: config order decides). Target q: no default, one
   * rule {c=new} b=7. Each calibrator is s -> s + b, so calibrate(.., 0) shows which one applied.
   */
  private static final String DOC =
      "{\"schema\":1,\"version\":\"cal-7\","
          + "\"calibrators\":{"
          + "\"p\":{\"default\":{\"method\":\"linear\",\"a\":1,\"b\":1},\"segments\":["
          + "{\"match\":{\"c\":\"new\"},\"calibrator\":{\"method\":\"linear\",\"a\":1,\"b\":2}},"
          + "{\"match\":{\"c\":\"new\",\"r\":\"eu\"},\"calibrator\":{\"method\":\"linear\",\"a\":1,\"b\":3}},"
          + "{\"match\":{\"r\":\"eu\"},\"calibrator\":{\"method\":\"linear\",\"a\":1,\"b\":4}},"
          + "{\"match\":{\"t\":\"x\"},\"calibrator\":{\"method\":\"linear\",\"a\":1,\"b\":5}}]},"
          + "\"q\":{\"segments\":[{\"match\":{\"c\":\"new\"},\"calibrator\":{\"method\":\"linear\",\"a\":1,\"b\":7}}]}},"
          + "\"factors\":{\"CONDITION_PRICE_FACTOR\":{\"new\":0.99,\"used_good\":1.5},\"WIDE\":{\"k\":3.0}},"
          + "\"bounds\":{\"WIDE\":{\"min\":1.0,\"max\":2.5}},"
          + "\"weights\":{\"main\":{\"xgb\":0.274,\"lgbm\":0.326,\"nhits\":0.2,\"patchtst\":0.2}}}";

  private static final CalibrationSnapshot SNAPSHOT =
      Snapshot.of(
          CalibrationConfig.parse(DOC.getBytes(UTF_8), "test"),
          TestConfigs.METHODS,
          Map.of(
              "CONDITION_PRICE_FACTOR", Map.of("new", 1.0, "used_fair", 0.3, "used_good", 0.85)));

  static Stream<Arguments> fallbackGrid() {
    return Stream.of(
        Arguments.of("p", Map.of(), 1.0, "empty key: default"),
        Arguments.of("p", Map.of("c", "used"), 1.0, "no rule matches: default"),
        Arguments.of("p", Map.of("c", "new"), 2.0, "one-attribute rule"),
        Arguments.of("p", Map.of("c", "new", "r", "eu"), 3.0, "two attributes beat one"),
        Arguments.of("p", Map.of("c", "new", "r", "eu", "t", "x"), 3.0, "most specific wins"),
        Arguments.of("p", Map.of("c", "new", "r", "us"), 2.0, "falls back one level"),
        Arguments.of("p", Map.of("r", "eu", "t", "x"), 4.0, "tie: first in config order"),
        Arguments.of("p", Map.of("c", "new", "t", "x"), 2.0, "tie: first in config order"),
        Arguments.of("q", Map.of("c", "new"), 7.0, "rule without default"),
        Arguments.of("q", Map.of("c", "used"), 0.0, "no rule, no default: identity"),
        Arguments.of("unknown", Map.of("c", "new"), 0.0, "unknown target: identity"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2} ({3})")
  @MethodSource("fallbackGrid")
  void calibrate_segmentKey_mostSpecificMatchThenFallback(
      String target, Map<String, String> segment, double expected, String why) {
    SegmentKey key = SegmentKey.of(segment);

    assertEquals(expected, SNAPSHOT.calibrate(target, key, 0.0), why);
    assertEquals(expected, SNAPSHOT.calibrate(target, key, 0.0), why + " (memoized)");
    assertEquals(expected, SNAPSHOT.calibrate(target, SegmentKey.of(segment), 0.0), why + " (equal key)");
    assertEquals(expected, SNAPSHOT.calibrator(target, key).apply(0.0), why);
  }

  @Test
  void calibrator_targetWithoutAny_isIdentity() {
    assertEquals("identity", SNAPSHOT.calibrator("unknown", SegmentKey.empty()).method());
    assertEquals(0.42, SNAPSHOT.calibrate("unknown", Map.of("c", "x"), 0.42));
  }

  @Test
  void factor_defaultsMergedWithConfig_clampedToBounds() {
    assertEquals(0.99, SNAPSHOT.factor("CONDITION_PRICE_FACTOR", "new")); // config over default
    assertEquals(1.2, SNAPSHOT.factor("CONDITION_PRICE_FACTOR", "used_good")); // 1.5 clamped
    assertEquals(0.5, SNAPSHOT.factor("CONDITION_PRICE_FACTOR", "used_fair")); // default 0.3 clamped
    assertEquals(2.5, SNAPSHOT.factor("WIDE", "k")); // 3.0 clamped to the table's own bounds
    assertEquals(1.0, SNAPSHOT.factor("CONDITION_PRICE_FACTOR", "unknown"));
    assertEquals(1.0, SNAPSHOT.factor("NO_TABLE", "k"));
    assertEquals(
        Map.of("new", 0.99, "used_good", 1.2, "used_fair", 0.5),
        SNAPSHOT.factors("CONDITION_PRICE_FACTOR"));
    assertEquals(Map.of(), SNAPSHOT.factors("NO_TABLE"));
  }

  @Test
  void weights_knownAndUnknownEnsemble() {
    assertEquals(
        Map.of("xgb", 0.274, "lgbm", 0.326, "nhits", 0.2, "patchtst", 0.2),
        SNAPSHOT.weights("main"));
    assertEquals(Map.of(), SNAPSHOT.weights("other"));
    assertEquals(Optional.of("cal-7"), SNAPSHOT.version());
  }

  @Test
  void calibrate_moreDistinctKeysThanTheMemoHolds_stillCorrect() {
    for (int i = 0; i < TargetTable.MEMO_LIMIT + 200; i++) {
      SegmentKey k = SegmentKey.of(Map.of("c", i % 2 == 0 ? "new" : "used", "id", "k" + i));
      assertEquals(i % 2 == 0 ? 2.0 : 1.0, SNAPSHOT.calibrate("p", k, 0.0), "key " + k);
    }
  }

  @Test
  void defaults_noConfig_identityAndClampedFactorDefaults() {
    CalibrationSnapshot d = Snapshot.defaults(Map.of("T", Map.of("a", 2.0, "b", 0.9)));

    assertEquals(Optional.empty(), d.version());
    assertEquals(0.3, d.calibrate("p", TestConfigs.NEW, 0.3));
    assertEquals(1.2, d.factor("T", "a"));
    assertEquals(0.9, d.factor("T", "b"));
  }

  @Test
  void calibrate_reusedKey_allocatesNothing() {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    SegmentKey key = SegmentKey.of(Map.of("c", "new", "r", "eu", "t", "x"));
    double sink = 0;
    for (int i = 0; i < 20_000; i++) { // warm up, and fill the memo
      sink += SNAPSHOT.calibrate("p", key, i);
    }
    long tid = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 100_000; i++) {
      sink += SNAPSHOT.calibrate("p", key, i);
    }
    long allocated = mx.getThreadAllocatedBytes(tid) - before;

    assertTrue(sink > 0);
    // The measurement itself may allocate a little; 100,000 calls of even 8 bytes would be 800 kB.
    assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 100,000 calls");
  }

  @Test
  void ofCalibrators_oneTarget_appliesItForEverySegment() {
    CalibrationSnapshot s =
        CalibrationLoader.of("t-1", Map.of("p", TestConfigs.LINEAR.restore(Map.of("a", 2.0, "b", 0.0))))
            .current();

    assertEquals(Optional.of("t-1"), s.version());
    assertEquals(0.8, s.calibrate("p", TestConfigs.NEW_EU, 0.4));
    assertSame(s, CalibrationLoader.fixed(s).current());
  }
}
