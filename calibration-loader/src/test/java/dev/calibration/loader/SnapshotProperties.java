package dev.calibration.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.SegmentKey;
import dev.calibration.core.config.CalibrationConfig;
import dev.calibration.core.config.CalibratorSpec;
import dev.calibration.core.config.SegmentRule;
import dev.calibration.core.config.TargetCalibrators;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Segment fallback against a reference written from its definition: among rules whose match is a
 * subset of the key, the one with the most attributes, the first in config order on a tie; else
 * the default. Rule i's calibrator is s -> s + i, the default s -> s - 1, so the answer at 0 names
 * the rule that applied.
 */
class SnapshotProperties {

  @Property(tries = 300)
  void calibrate_anyRulesAndKey_sameAsTheReferenceFallback(
      @ForAll("ruleSets") List<Map<String, String>> matches,
      @ForAll("segments") Map<String, String> segment) {
    List<SegmentRule> rules = new ArrayList<>();
    for (int i = 0; i < matches.size(); i++) {
      rules.add(new SegmentRule(matches.get(i), linear(i)));
    }
    CalibrationConfig config =
        new CalibrationConfig(
            1,
            "prop",
            Optional.empty(),
            Optional.empty(),
            Map.of("p", new TargetCalibrators(Optional.of(linear(-1)), rules)),
            Map.of(),
            Map.of(),
            Map.of(),
            Optional.empty());
    CalibrationSnapshot s = Snapshot.of(config, TestConfigs.METHODS, Map.of());
    SegmentKey key = SegmentKey.of(segment);

    double expected = reference(matches, segment);
    assertEquals(expected, s.calibrate("p", key, 0.0));
    assertEquals(expected, s.calibrate("p", key, 0.0), "memoized answer");
  }

  private static double reference(List<Map<String, String>> matches, Map<String, String> segment) {
    int best = -1;
    for (int i = 0; i < matches.size(); i++) {
      boolean applies = segment.entrySet().containsAll(matches.get(i).entrySet());
      if (applies && (best < 0 || matches.get(i).size() > matches.get(best).size())) {
        best = i;
      }
    }
    return best; // -1 is the default's answer
  }

  private static CalibratorSpec linear(int b) {
    return new CalibratorSpec("linear", Map.of("a", 1.0, "b", (double) b));
  }

  @Provide
  Arbitrary<Map<String, String>> segments() {
    return Arbitraries.maps(Arbitraries.of("c", "r", "t", "u"), Arbitraries.of("1", "2"))
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<Map<String, String>>> ruleSets() {
    return segments()
        .filter(m -> !m.isEmpty())
        .list()
        .ofMaxSize(8)
        .filter(
            l -> {
              Set<Map<String, String>> distinct = new HashSet<>(l);
              return distinct.size() == l.size(); // a config may not repeat a match
            });
  }
}
