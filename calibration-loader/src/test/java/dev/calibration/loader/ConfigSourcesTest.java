package dev.calibration.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.ConfigFetch;
import dev.calibration.api.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static and opt-in sources: class path, environment variable, system property, file. */
class ConfigSourcesTest {

  private static final long MAX = 1 << 20;

  @Test
  void classpath_presentResource_readsItsBytes() throws IOException {
    ConfigFetch f = ConfigSources.classpath("/loader/active-v7.json").fetch(Optional.empty(), MAX);

    assertEquals(ConfigFetch.Kind.CONTENT, f.kind());
    assertTrue(new String(f.content(), java.nio.charset.StandardCharsets.UTF_8).contains("\"v7\""));
  }

  @Test
  void classpath_loaderReadsResource_versionFromTheResource() {
    try (CalibrationLoader loader =
        CalibrationLoader.builder()
            .source(ConfigSources.classpath("loader/active-v7.json"))
            .methods(TestConfigs.METHODS)
            .scheduler(new ManualScheduler())
            .build()) {
      assertEquals(Optional.of("v7"), loader.currentVersion());
      assertTrue(TestConfigs.consistent(loader.current()));
    }
  }

  @Test
  void classpath_absentResource_missing() throws IOException {
    assertSame(
        ConfigFetch.missing(), ConfigSources.classpath("no/such.json").fetch(Optional.empty(), MAX));
  }

  @Test
  void environment_variableNamesAFile_readsTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("active.json");
    Files.write(file, TestConfigs.bytes(3));
    Map<String, String> env = Map.of("CALIBRATION_CONFIG", file.toString());

    ConfigSource s = ConfigSources.environment("CALIBRATION_CONFIG", env::get);

    assertEquals(ConfigFetch.of(TestConfigs.bytes(3)), s.fetch(Optional.empty(), MAX));
    assertEquals(file.toString(), s.description());
  }

  @Test
  void environment_variableNotSet_alwaysMissingSoDefaultsApply() throws IOException {
    ConfigSource s = ConfigSources.environment("CALIBRATION_CONFIG", name -> null);

    assertSame(ConfigFetch.missing(), s.fetch(Optional.empty(), MAX));
    assertEquals("environment variable CALIBRATION_CONFIG (not set)", s.description());
  }

  @Test
  void systemProperty_setAndUnset(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("active.json");
    Files.write(file, TestConfigs.bytes(4));
    String property = "calibration.test." + System.nanoTime();
    assertSame(
        ConfigFetch.missing(), ConfigSources.systemProperty(property).fetch(Optional.empty(), MAX));
    System.setProperty(property, file.toString());
    try {
      assertEquals(
          ConfigFetch.of(TestConfigs.bytes(4)),
          ConfigSources.systemProperty(property).fetch(Optional.empty(), MAX));
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void file_absent_missingNotAnError(@TempDir Path dir) throws IOException {
    assertSame(
        ConfigFetch.missing(),
        ConfigSources.file(dir.resolve("none.json")).fetch(Optional.empty(), MAX));
  }
}
