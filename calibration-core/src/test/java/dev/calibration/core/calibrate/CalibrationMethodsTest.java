package dev.calibration.core.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.CalibrationData;
import dev.calibration.api.CalibrationMethod;
import dev.calibration.api.Calibrator;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Discovery by name through META-INF/services: what is found, what is reported, what fails. */
class CalibrationMethodsTest {
  private static final List<String> ALL =
      List.of("beta", "histogram", "identity", "isotonic", "platt", "temperature");

  @Test
  void discover_testClassPath_findsCoreMethodsAndIsotonic() {
    CalibrationMethods methods = CalibrationMethods.discover();
    assertEquals(ALL, methods.names());
    assertEquals(List.of(), methods.problems());
  }

  @ParameterizedTest
  @ValueSource(strings = {"beta", "histogram", "identity", "isotonic", "platt", "temperature"})
  void byName_eachRegisteredName_fitsAndRestoresThroughTheSpi(String name) {
    CalibrationMethod m = CalibrationMethods.byName(name);
    assertEquals(name, m.name());
    CalibrationData d =
        CalibrationData.of(
            new double[] {0.1, 0.2, 0.3, 0.6, 0.7, 0.9}, new double[] {0, 0, 1, 0, 1, 1});
    Calibrator c = m.fit(d);
    assertEquals(c.apply(0.4), m.restore(c.parameters()).apply(0.4), 0.0);
  }

  @Test
  void available_listsEveryName() {
    assertEquals(ALL, CalibrationMethods.available());
  }

  @Test
  void byName_typo_failsListingTheKnownNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CalibrationMethods.byName("isotonik"));
    assertEquals(
        "CAL-METHOD-001 unknown calibration method \"isotonik\"; known methods: beta, histogram,"
            + " identity, isotonic, platt, temperature",
        e.getMessage());
  }

  @Test
  void find_unknownName_isEmpty() {
    assertEquals(Optional.empty(), CalibrationMethods.find("nope"));
    assertTrue(CalibrationMethods.find("platt").isPresent());
  }

  /** A second provider claiming the name "identity". */
  public static final class OtherIdentity implements CalibrationMethod {
    @Override
    public String name() {
      return "identity";
    }

    @Override
    public Calibrator fit(CalibrationData data) {
      throw new UnsupportedOperationException("never called");
    }

    @Override
    public Calibrator restore(Map<String, ?> parameters) {
      throw new UnsupportedOperationException("never called");
    }
  }

  private static ClassLoader withServices(Path dir, String... lines) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.write(
        services.resolve(CalibrationMethod.class.getName()),
        String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    return new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, CalibrationMethodsTest.class.getClassLoader());
  }

  @Test
  void discover_twoClassesOneName_isAnErrorNamingBoth(@TempDir Path dir) throws IOException {
    CalibrationMethods methods =
        CalibrationMethods.discover(withServices(dir, OtherIdentity.class.getName()));
    assertFalse(methods.names().contains("identity"));
    assertTrue(methods.names().contains("platt"), "the other methods stay usable");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> methods.method("identity"));
    assertTrue(e.getMessage().startsWith("CAL-METHOD-002"), e.getMessage());
    assertTrue(e.getMessage().contains(IdentityMethod.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(OtherIdentity.class.getName()), e.getMessage());
    assertEquals(List.of(e.getMessage()), methods.problems());
  }

  @Test
  void discover_brokenProvider_isReportedAndSkipped(@TempDir Path dir) throws IOException {
    CalibrationMethods methods =
        CalibrationMethods.discover(withServices(dir, "com.example.NoSuchMethod"));
    assertEquals(ALL, methods.names());
    assertEquals(1, methods.problems().size());
    String problem = methods.problems().get(0);
    assertTrue(problem.startsWith("CAL-METHOD-003"), problem);
    assertTrue(problem.contains("com.example.NoSuchMethod"), problem);
  }

  @Test
  void of_duplicateNames_isRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CalibrationMethods.of(new IdentityMethod(), new OtherIdentity()));
    assertTrue(e.getMessage().startsWith("CAL-METHOD-002"), e.getMessage());
  }

  @Test
  void of_givenMethods_areTheOnlyOnes() {
    CalibrationMethods methods = CalibrationMethods.of(new PlattMethod());
    assertEquals(List.of("platt"), methods.names());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> methods.method("isotonic"));
    assertTrue(e.getMessage().endsWith("known methods: platt"), e.getMessage());
  }

  @Test
  void discover_twoInstances_doNotShareState() {
    assertFalse(CalibrationMethods.discover() == CalibrationMethods.discover());
  }
}
