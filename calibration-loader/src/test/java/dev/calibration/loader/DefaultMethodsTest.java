package dev.calibration.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Without {@code methods(...)}, a loader finds methods through {@code CalibrationMethods} on the
 * class path: here the real {@code isotonic} of calibration-isotonic.
 */
class DefaultMethodsTest {

  @Test
  void build_noMethodsGiven_isotonicFoundOnTheClassPath() {
    // Thresholds (0, 0.1), (0.5, 0.3), (1, 0.9): a score of 0.5 sits exactly on a threshold.
    String doc =
        "{\"schema\":1,\"version\":\"iso-1\",\"calibrators\":{\"sell_p60\":{\"default\":"
            + "{\"method\":\"isotonic\",\"x\":[0.0,0.5,1.0],\"y\":[0.1,0.3,0.9]}}}}";
    try (CalibrationLoader loader =
        CalibrationLoader.builder()
            .source(ConfigSources.memory(doc.getBytes(UTF_8)))
            .scheduler(new ManualScheduler())
            .build()) {
      assertEquals(Optional.of("iso-1"), loader.currentVersion(), () -> loader.status().toString());
      assertEquals(0.3, loader.current().calibrate("sell_p60", TestConfigs.NEW, 0.5), 1e-12);
      assertEquals("isotonic", loader.current().calibrator("sell_p60", TestConfigs.NEW).method());
    }
  }
}
