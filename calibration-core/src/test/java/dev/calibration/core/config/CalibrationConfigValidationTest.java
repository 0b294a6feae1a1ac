package dev.calibration.core.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.core.config.ConfigProblem.Severity;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of problem in a config document, each found alone and all found together. */
class CalibrationConfigValidationTest {

  private static final String HEAD = "{\"schema\":1,\"version\":\"v1\",";

  /** A document with one target {@code p} whose default calibrator is {@code spec}. */
  private static String withDefault(String spec) {
    return HEAD + "\"calibrators\":{\"p\":{\"default\":" + spec + "}}}";
  }

  static Stream<Arguments> oneProblemEach() {
    String platt = "{\"method\":\"platt\",\"a\":1.0,\"b\":0.0}";
    return Stream.of(
        Arguments.of("malformed JSON", "{\"schema\":1,", "CAL-CFG-001", "$", Severity.ERROR),
        Arguments.of("not an object", "[1,2]", "CAL-CFG-001", "$", Severity.ERROR),
        Arguments.of("empty document", "", "CAL-CFG-001", "$", Severity.ERROR),
        Arguments.of(
            "duplicate key",
            "{\"schema\":1,\"version\":\"a\",\"version\":\"b\"}",
            "CAL-CFG-001",
            "$",
            Severity.ERROR),
        Arguments.of("missing schema", "{\"version\":\"v1\"}", "CAL-CFG-002", "$.schema", Severity.ERROR),
        Arguments.of("schema not integer", "{\"schema\":\"1\",\"version\":\"v1\"}", "CAL-CFG-002", "$.schema", Severity.ERROR),
        Arguments.of("newer schema", "{\"schema\":2,\"version\":\"v1\"}", "CAL-CFG-003", "$.schema", Severity.ERROR),
        Arguments.of("missing version", "{\"schema\":1}", "CAL-CFG-002", "$.version", Severity.ERROR),
        Arguments.of("blank version", "{\"schema\":1,\"version\":\" \"}", "CAL-CFG-002", "$.version", Severity.ERROR),
        Arguments.of(
            "bad created_at",
            HEAD + "\"created_at\":\"yesterday\"}",
            "CAL-CFG-002",
            "$.created_at",
            Severity.ERROR),
        Arguments.of(
            "missing method",
            withDefault("{\"a\":1.0}"),
            "CAL-CFG-002",
            "$.calibrators.p.default.method",
            Severity.ERROR),
        Arguments.of(
            "unknown method",
            withDefault("{\"method\":\"platt2\",\"a\":1.0,\"b\":0.0}"),
            "CAL-CFG-004",
            "$.calibrators.p.default.method",
            Severity.ERROR),
        Arguments.of(
            "non-finite parameter",
            withDefault("{\"method\":\"platt\",\"a\":1e400,\"b\":0.0}"),
            "CAL-CFG-005",
            "$.calibrators.p.default.a",
            Severity.ERROR),
        Arguments.of(
            "parameters the method rejects",
            withDefault("{\"method\":\"platt\",\"a\":1.0}"),
            "CAL-CFG-005",
            "$.calibrators.p.default",
            Severity.ERROR),
        Arguments.of(
            "null parameter",
            withDefault("{\"method\":\"platt\",\"a\":null,\"b\":0.0}"),
            "CAL-CFG-002",
            "$.calibrators.p.default.a",
            Severity.ERROR),
        Arguments.of(
            "isotonic thresholds decreasing",
            withDefault("{\"method\":\"isotonic\",\"x\":[0.1,0.5,0.4],\"y\":[0.1,0.2,0.3]}"),
            "CAL-CFG-006",
            "$.calibrators.p.default.x[2]",
            Severity.ERROR),
        Arguments.of(
            "isotonic lengths differ",
            withDefault("{\"method\":\"isotonic\",\"x\":[0.1,0.5],\"y\":[0.1]}"),
            "CAL-CFG-006",
            "$.calibrators.p.default",
            Severity.ERROR),
        Arguments.of(
            "segment without match",
            HEAD + "\"calibrators\":{\"p\":{\"segments\":[{\"calibrator\":" + platt + "}]}}}",
            "CAL-CFG-002",
            "$.calibrators.p.segments[0].match",
            Severity.ERROR),
        Arguments.of(
            "segment match not a string",
            HEAD
                + "\"calibrators\":{\"p\":{\"segments\":[{\"match\":{\"tier\":3},\"calibrator\":"
                + platt
                + "}]}}}",
            "CAL-CFG-002",
            "$.calibrators.p.segments[0].match.tier",
            Severity.ERROR),
        Arguments.of(
            "duplicate segment match",
            HEAD
                + "\"calibrators\":{\"p\":{\"segments\":["
                + "{\"match\":{\"c\":\"new\"},\"calibrator\":" + platt + "},"
                + "{\"match\":{\"c\":\"new\"},\"calibrator\":" + platt + "}]}}}",
            "CAL-CFG-010",
            "$.calibrators.p.segments[1].match",
            Severity.ERROR),
        Arguments.of(
            "weights sum to 0.97",
            HEAD + "\"weights\":{\"main\":{\"a\":0.5,\"b\":0.47}}}",
            "CAL-CFG-007",
            "$.weights.main",
            Severity.ERROR),
        Arguments.of(
            "negative weight",
            HEAD + "\"weights\":{\"main\":{\"a\":0.9,\"b\":-0.1}}}",
            "CAL-CFG-007",
            "$.weights.main.b",
            Severity.ERROR),
        Arguments.of(
            "weight not a number",
            HEAD + "\"weights\":{\"main\":{\"a\":\"half\"}}}",
            "CAL-CFG-002",
            "$.weights.main.a",
            Severity.ERROR),
        Arguments.of(
            "factor not positive",
            HEAD + "\"factors\":{\"T\":{\"k\":0}}}",
            "CAL-CFG-012",
            "$.factors.T.k",
            Severity.ERROR),
        Arguments.of(
            "factor outside default bounds",
            HEAD + "\"factors\":{\"T\":{\"k\":1.5}}}",
            "CAL-CFG-013",
            "$.factors.T.k",
            Severity.WARNING),
        Arguments.of(
            "inverted bounds",
            HEAD + "\"bounds\":{\"T\":{\"min\":1.2,\"max\":0.5}}}",
            "CAL-CFG-009",
            "$.bounds.T",
            Severity.ERROR),
        Arguments.of(
            "bounds missing max",
            HEAD + "\"bounds\":{\"T\":{\"min\":0.5}}}",
            "CAL-CFG-002",
            "$.bounds.T.max",
            Severity.ERROR),
        Arguments.of(
            "audit_head as a bare string",
            HEAD + "\"audit_head\":\"9c1f\"}",
            "CAL-CFG-002",
            "$.audit_head",
            Severity.ERROR),
        Arguments.of(
            "audit_head without hash",
            HEAD + "\"audit_head\":{\"seq\":3}}",
            "CAL-CFG-002",
            "$.audit_head.hash",
            Severity.ERROR),
        Arguments.of(
            "unknown key",
            HEAD + "\"colour\":\"blue\"}",
            "CAL-CFG-008",
            "$.colour",
            Severity.WARNING),
        Arguments.of(
            "odd names are quoted in the path",
            HEAD + "\"weights\":{\"main set\":{\"a\":0.2}}}",
            "CAL-CFG-007",
            "$.weights['main set']",
            Severity.ERROR));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneProblemEach")
  void check_documentWithOneProblem_reportsExactlyThatProblem(
      String name, String document, String code, String path, Severity severity) {
    ConfigValidation v = CalibrationConfig.check(document.getBytes(UTF_8), "t.json", TestMethods.resolver());

    assertEquals(1, v.problems().size(), v::describe);
    ConfigProblem p = v.problems().get(0);
    assertEquals(code, p.code(), v::describe);
    assertEquals(path, p.path(), v::describe);
    assertEquals(severity, p.severity(), v::describe);
    assertEquals(severity == Severity.WARNING, v.isValid(), v::describe);
  }

  @Test
  void check_documentWithManyProblems_reportsEveryOneWithItsPath() {
    String doc =
        "{\"schema\":1,\"version\":\"v9\",\"extra\":true,"
            + "\"calibrators\":{"
            + "\"sell_p60\":{\"default\":{\"method\":\"platt2\"},"
            + "  \"segments\":[{\"match\":{\"condition\":\"new\"},"
            + "    \"calibrator\":{\"method\":\"isotonic\",\"x\":[0.5,0.1],\"y\":[0.2,0.3]}}]},"
            + "\"win\":{\"default\":{\"method\":\"platt\",\"a\":1e999,\"b\":0}}},"
            + "\"factors\":{\"CONDITION_PRICE_FACTOR\":{\"new\":0.99,\"used_good\":1.3}},"
            + "\"weights\":{\"sell_p60\":{\"xgb\":0.5,\"lgbm\":0.47}}}";

    ConfigValidation v = CalibrationConfig.check(doc.getBytes(UTF_8), "active.json", TestMethods.resolver());

    Set<String> found =
        v.problems().stream().map(p -> p.code() + " " + p.path()).collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "CAL-CFG-008 $.extra",
            "CAL-CFG-004 $.calibrators.sell_p60.default.method",
            "CAL-CFG-006 $.calibrators.sell_p60.segments[0].calibrator.x[1]",
            "CAL-CFG-005 $.calibrators.win.default.a",
            "CAL-CFG-013 $.factors.CONDITION_PRICE_FACTOR.used_good",
            "CAL-CFG-007 $.weights.sell_p60"),
        found,
        v::describe);
    assertFalse(v.isValid());
    assertTrue(v.describe().contains("weights of sell_p60 sum to 0.97"), v::describe);
    assertTrue(v.describe().contains("unknown method \"platt2\"; known methods: [isotonic, platt]"), v::describe);
  }

  @Test
  void check_malformedJson_namesLineAndColumn() {
    String doc = "{\n  \"schema\": 1,\n  \"version\": ,\n}";

    ConfigValidation v = CalibrationConfig.check(doc.getBytes(UTF_8), "active.json", TestMethods.resolver());

    assertEquals(1, v.errors().size(), v::describe);
    assertTrue(v.errors().get(0).message().contains("line 3, column 14"), v::describe);
  }

  @Test
  void parse_structurallyBrokenDocument_throwsListingEveryErrorAndTheSource() {
    String doc = "{\"schema\":\"one\",\"weights\":{\"main\":{\"a\":\"x\"}}}";

    ConfigException e =
        assertThrows(
            ConfigException.class, () -> CalibrationConfig.parse(doc.getBytes(UTF_8), "reg/active.json"));

    assertEquals("reg/active.json", e.source());
    assertEquals(
        List.of("$.schema", "$.version", "$.weights.main.a"),
        e.problems().stream().map(ConfigProblem::path).collect(Collectors.toList()));
    assertTrue(e.getMessage().startsWith("invalid calibration config reg/active.json (3 problem(s))"));
  }

  @Test
  void validate_factorWithinTableBounds_noWarningEvenOutsideDefaultBounds() {
    String doc = HEAD + "\"factors\":{\"T\":{\"k\":1.5}},\"bounds\":{\"T\":{\"min\":1.0,\"max\":2.0}}}";

    ConfigValidation v = CalibrationConfig.check(doc.getBytes(UTF_8), "t.json", TestMethods.resolver());

    assertEquals(List.of(), v.problems(), v::describe);
  }

  @Test
  void validate_resolverThatCannotListNames_unknownMethodMessageOmitsList() {
    ConfigValidation v =
        CalibrationConfig.check(
            withDefault("{\"method\":\"platt\",\"a\":1,\"b\":0}").getBytes(UTF_8),
            "t.json",
            name -> java.util.Optional.empty());

    assertEquals("unknown method \"platt\"", v.errors().get(0).message());
  }

  @Test
  void validate_throughCalibrationMethods_sameProblemsAsThroughAResolver() {
    String doc =
        HEAD
            + "\"calibrators\":{\"p\":{\"default\":{\"method\":\"platt\",\"a\":1.0}}},"
            + "\"weights\":{\"main\":{\"a\":0.5}}}";
    dev.calibration.core.calibrate.CalibrationMethods methods =
        dev.calibration.core.calibrate.CalibrationMethods.of(TestMethods.PLATT, TestMethods.ISOTONIC);

    ConfigValidation viaMethods = CalibrationConfig.check(doc.getBytes(UTF_8), "t.json", methods);
    ConfigValidation viaResolver =
        CalibrationConfig.check(doc.getBytes(UTF_8), "t.json", TestMethods.resolver());

    assertEquals(viaResolver.problems(), viaMethods.problems());
    assertEquals(2, viaMethods.errors().size(), viaMethods::describe);
  }
}
