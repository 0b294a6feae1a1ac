package dev.calibration.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.ConfigFetch;
import dev.calibration.api.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loader's behaviour on a manual clock: nothing here sleeps; time moves when the test says.
 */
class CalibrationLoaderTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Duration DEBOUNCE = Duration.ofMillis(25);
  private static final Duration POLL = Duration.ofSeconds(2);

  private final ManualScheduler time = new ManualScheduler(T0);
  private final List<LoadFailure> failures = new ArrayList<>();
  private final List<String> changes = new ArrayList<>();

  private CalibrationLoader.Builder builder(ConfigSource source) {
    return CalibrationLoader.builder()
        .source(source)
        .methods(TestConfigs.METHODS)
        .scheduler(time)
        .debounce(DEBOUNCE)
        .pollInterval(POLL)
        .onFailure(failures::add)
        .onChange(
            (before, after) ->
                changes.add(
                    before.version().orElse("defaults") + "->" + after.version().orElse("defaults")));
  }

  @Test
  void build_validDocument_currentIsItsSnapshot() {
    try (CalibrationLoader loader = builder(ConfigSources.memory(TestConfigs.bytes(1))).build()) {
      assertEquals(Optional.of("v1"), loader.currentVersion());
      assertTrue(TestConfigs.consistent(loader.current()));
      LoaderStatus s = loader.status();
      assertEquals(Optional.of(T0), s.lastSuccess());
      assertFalse(s.usingDefaults());
      assertEquals(1, s.reloads());
      assertEquals(List.of("defaults->v1"), changes);
    }
  }

  @Test
  void build_noDocument_defaultsApplyAndNothingFails() {
    try (CalibrationLoader loader =
        builder(ConfigSources.memory()).factorDefaults("T", Map.of("k", 0.9)).build()) {
      assertEquals(Optional.empty(), loader.currentVersion());
      assertEquals(0.9, loader.current().factor("T", "k"));
      assertEquals(0.37, loader.current().calibrate("p", TestConfigs.NEW, 0.37));
      assertTrue(loader.status().usingDefaults());
      assertTrue(loader.status().sourceMissing());
      assertEquals(List.of(), failures);
    }
  }

  @Test
  void build_givenDefaultsSnapshot_usedWhileNoConfig() {
    CalibrationSnapshot mine = CalibrationLoader.of("mine", Map.of()).current();
    try (CalibrationLoader loader = builder(ConfigSources.memory()).defaults(mine).build()) {
      assertSame(mine, loader.current());
    }
  }

  @Test
  void build_invalidDocumentAtStart_defaultsAndOneFailure() {
    try (CalibrationLoader loader =
        builder(ConfigSources.memory("{\"schema\":1".getBytes(UTF_8))).build()) {
      assertEquals(Optional.empty(), loader.currentVersion());
      assertEquals(1, failures.size());
      assertEquals("CAL-LOAD-003", failures.get(0).code());
      assertEquals(Optional.of("CAL-LOAD-003"), loader.status().lastFailureCode());
    }
  }

  @Test
  void build_invalidDocumentAtStartWithFailFast_throwsNamingEveryProblem() {
    String doc = "{\"schema\":1,\"version\":\"v1\",\"weights\":{\"main\":{\"a\":0.5}}}";
    CalibrationLoadException e =
        assertThrows(
            CalibrationLoadException.class,
            () ->
                builder(ConfigSources.memory(doc.getBytes(UTF_8)))
                    .onInvalidAtStart(CalibrationLoader.OnInvalidAtStart.FAIL)
                    .build());

    assertEquals("CAL-LOAD-003", e.code());
    assertEquals("$.weights.main", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("sum to 0.5"), e.getMessage());
    assertEquals(0, time.pending(), "a failed build leaves no poll behind");
  }

  @Test
  void reload_sourceChanged_swapsOnlyAfterTheDebounce() {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    try (CalibrationLoader loader = builder(source).build()) {
      source.set(TestConfigs.bytes(2));
      time.advance(DEBOUNCE.minusMillis(1));
      assertEquals(Optional.of("v1"), loader.currentVersion());

      time.advance(Duration.ofMillis(1));

      assertEquals(Optional.of("v2"), loader.currentVersion());
      assertEquals(Optional.of(T0.plus(DEBOUNCE)), loader.status().lastSuccess());
      assertEquals(List.of("defaults->v1", "v1->v2"), changes);
    }
  }

  @Test
  void reload_burstOf100ChangeEvents_oneLoad() {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    try (CalibrationLoader loader = builder(source).build()) {
      long fetchesBefore = source.fetchCount();
      for (int i = 2; i <= 101; i++) {
        source.set(TestConfigs.bytes(i)); // each set is a change event
      }
      time.advance(DEBOUNCE);

      assertEquals(1, source.fetchCount() - fetchesBefore);
      assertEquals(Optional.of("v101"), loader.currentVersion());
      assertEquals(List.of("defaults->v1", "v1->v101"), changes);
    }
  }

  @Test
  void reload_eventDuringALoad_causesExactlyOneMoreLoad() {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(5));
    int[] nested = {0};
    try (CalibrationLoader loader =
        builder(source)
            .onChange(
                (b, a) -> {
                  if (TestConfigs.versionNumber(a) == 1 && nested[0]++ == 0) {
                    source.set(TestConfigs.bytes(2)); // arrives while the first load runs
                    source.set(TestConfigs.bytes(3));
                  }
                })
            .build()) {
      long before = source.fetchCount();
      source.set(TestConfigs.bytes(1));
      time.advance(DEBOUNCE.multipliedBy(3));

      assertEquals(2, source.fetchCount() - before);
      assertEquals(Optional.of("v3"), loader.currentVersion());
    }
  }

  @Test
  void reload_sameBytesAgain_noSwapNoListener() {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    try (CalibrationLoader loader = builder(source).build()) {
      CalibrationSnapshot first = loader.current();
      source.set(TestConfigs.bytes(1));
      time.advance(POLL.multipliedBy(3));

      assertSame(first, loader.current());
      assertEquals(List.of("defaults->v1"), changes);
      assertEquals(1, loader.status().reloads());
    }
  }

  static Stream<Arguments> invalidDocuments() {
    return Stream.of(
        Arguments.of("malformed JSON", "{\"schema\":1,\"version\":", "CAL-LOAD-003"),
        Arguments.of("half-written file", TestConfigs.doc(2).substring(0, 120), "CAL-LOAD-003"),
        Arguments.of("newer schema", "{\"schema\":2,\"version\":\"v2\"}", "CAL-LOAD-003"),
        Arguments.of(
            "unknown method",
            "{\"schema\":1,\"version\":\"v2\",\"calibrators\":{\"p\":{\"default\":{\"method\":\"platt2\"}}}}",
            "CAL-LOAD-003"),
        Arguments.of(
            "non-finite number",
            "{\"schema\":1,\"version\":\"v2\",\"calibrators\":{\"p\":{\"default\":{\"method\":\"linear\",\"a\":1e999,\"b\":0}}}}",
            "CAL-LOAD-003"),
        Arguments.of(
            "decreasing isotonic thresholds",
            "{\"schema\":1,\"version\":\"v2\",\"calibrators\":{\"p\":{\"default\":{\"method\":\"isotonic\",\"x\":[0.5,0.1],\"y\":[0.1,0.2]}}}}",
            "CAL-LOAD-003"),
        Arguments.of(
            "weights not summing to one",
            "{\"schema\":1,\"version\":\"v2\",\"weights\":{\"main\":{\"a\":0.5,\"b\":0.47}}}",
            "CAL-LOAD-003"),
        Arguments.of(
            "parameters the method rejects",
            "{\"schema\":1,\"version\":\"v2\",\"calibrators\":{\"p\":{\"default\":{\"method\":\"linear\",\"a\":1}}}}",
            "CAL-LOAD-003"),
        Arguments.of("over the size limit", TestConfigs.doc(2) + " ".repeat(5000), "CAL-LOAD-002"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDocuments")
  void reload_invalidDocument_keepsLastGoodAndReportsOnce(String name, String doc, String code) {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    try (CalibrationLoader loader = builder(source).maxBytes(4096).build()) {
      CalibrationSnapshot good = loader.current();
      source.set(doc.getBytes(UTF_8));
      time.advance(DEBOUNCE);
      time.advance(POLL.multipliedBy(5)); // five more reads of the same bad content

      assertSame(good, loader.current());
      assertEquals(1, failures.size(), () -> failures.toString());
      assertEquals(code, failures.get(0).code());
      LoaderStatus s = loader.status();
      assertEquals(Optional.of("v1"), s.version());
      assertEquals(Optional.of(T0), s.lastSuccess());
      assertEquals(Optional.of(T0.plus(DEBOUNCE)), s.lastFailure());
      assertEquals(Optional.of(code), s.lastFailureCode());
      assertEquals(1, s.failures());

      source.set(TestConfigs.bytes(3)); // a good document after a bad one is taken
      time.advance(DEBOUNCE);
      assertEquals(Optional.of("v3"), loader.currentVersion());
    }
  }

  @Test
  void reload_sourceUnreadable_keepsLastGoodAndReportsEachNewErrorOnce() {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    try (CalibrationLoader loader = builder(source).build()) {
      source.failWith(new IOException("store unreachable"));
      time.advance(POLL.multipliedBy(4));

      assertEquals(Optional.of("v1"), loader.currentVersion());
      assertEquals(1, failures.size());
      assertEquals("CAL-LOAD-001", failures.get(0).code());
      assertTrue(failures.get(0).message().contains("store unreachable"));

      source.set(TestConfigs.bytes(2));
      time.advance(DEBOUNCE);
      assertEquals(Optional.of("v2"), loader.currentVersion());
    }
  }

  @Test
  void reload_documentDisappears_keepsLastGoodByDefault() {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    try (CalibrationLoader loader = builder(source).build()) {
      source.remove();
      time.advance(POLL);

      assertEquals(Optional.of("v1"), loader.currentVersion());
      assertTrue(loader.status().sourceMissing());
      assertEquals(List.of(), failures);

      source.set("{}".getBytes(UTF_8)); // back, but invalid
      time.advance(DEBOUNCE);
      assertFalse(loader.status().sourceMissing());
      assertEquals(Optional.of("v1"), loader.currentVersion());
      assertEquals(1, failures.size());

      source.remove(); // missing again
      time.advance(POLL.multipliedBy(2));
      assertTrue(loader.status().sourceMissing());
      assertEquals(Optional.of("v1"), loader.currentVersion());
    }
  }

  @Test
  void reload_documentDisappearsWithUseDefaults_fallsBackThenReloadsSameContent() {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    try (CalibrationLoader loader =
        builder(source).onMissing(CalibrationLoader.OnMissing.USE_DEFAULTS).build()) {
      source.remove();
      time.advance(DEBOUNCE);
      assertEquals(Optional.empty(), loader.currentVersion());
      assertTrue(loader.status().usingDefaults());

      source.set(TestConfigs.bytes(1));
      time.advance(DEBOUNCE);
      assertEquals(Optional.of("v1"), loader.currentVersion());
      assertEquals(List.of("defaults->v1", "v1->defaults", "defaults->v1"), changes);
    }
  }

  @Test
  void reload_sourceThatCannotWatch_pollFindsTheChange(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("active.json");
    Files.write(file, TestConfigs.bytes(1));
    ConfigSource fileSource = ConfigSources.file(file);
    ConfigSource pollOnly = fileSource::fetch; // no watch: no events at all
    try (CalibrationLoader loader = builder(pollOnly).build()) {
      Files.write(file, TestConfigs.bytes(2));
      time.advance(POLL.minusMillis(1));
      assertEquals(Optional.of("v1"), loader.currentVersion());

      time.advance(Duration.ofMillis(1));
      assertEquals(Optional.of("v2"), loader.currentVersion());
    }
  }

  @Test
  void listeners_oneThrows_othersRunInOrderAndLoaderCarriesOn() {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    List<String> calls = new ArrayList<>();
    try (CalibrationLoader loader =
        CalibrationLoader.builder()
            .source(source)
            .methods(TestConfigs.METHODS)
            .scheduler(time)
            .onChange((b, a) -> calls.add("first " + a.version().orElseThrow()))
            .onChange(
                (b, a) -> {
                  calls.add("second");
                  throw new IllegalStateException("listener bug");
                })
            .onChange(
                (b, a) -> calls.add("third " + a.version().orElseThrow()))
            .onFailure(
                f -> {
                  throw new IllegalStateException("failure listener bug");
                })
            .build()) {
      source.set(TestConfigs.bytes(2));
      time.advance(DEBOUNCE);
      source.set("not json".getBytes(UTF_8));
      time.advance(DEBOUNCE);
      source.set(TestConfigs.bytes(3));
      time.advance(DEBOUNCE);

      assertEquals(
          List.of("first v1", "second", "third v1", "first v2", "second", "third v2", "first v3", "second", "third v3"),
          calls);
      assertEquals(Optional.of("v3"), loader.currentVersion());
    }
  }

  @Test
  void listeners_runAfterTheSwap_currentIsAlreadyNew() {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    CalibrationLoader[] self = new CalibrationLoader[1];
    List<Boolean> sawNew = new ArrayList<>();
    try (CalibrationLoader loader =
        builder(source).onChange((b, a) -> {
          if (self[0] != null) {
            sawNew.add(self[0].current() == a);
          }
        }).build()) {
      self[0] = loader;
      source.set(TestConfigs.bytes(2));
      time.advance(DEBOUNCE);
      assertEquals(List.of(true), sawNew);
    }
  }

  @Test
  void close_stopsPollingAndWatching() {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    CalibrationLoader loader = builder(source).build();
    loader.close();
    loader.close(); // idempotent
    long fetches = source.fetchCount();

    source.set(TestConfigs.bytes(2));
    time.advance(POLL.multipliedBy(3));

    assertEquals(fetches, source.fetchCount());
    assertEquals(Optional.of("v1"), loader.currentVersion(), "still readable after close");
    assertTrue(loader.status().closed());
    assertEquals(0, time.pending());
  }

  @Test
  void status_times_comeFromTheInjectedClock() {
    InMemoryConfigSource source = ConfigSources.memory(TestConfigs.bytes(1));
    try (CalibrationLoader loader = builder(source).build()) {
      time.advance(Duration.ofMinutes(1).minus(POLL)); // polls in between find nothing new
      source.set(TestConfigs.bytes(2));
      time.advance(DEBOUNCE);

      assertEquals(Optional.of(T0.plus(Duration.ofMinutes(1)).minus(POLL).plus(DEBOUNCE)), loader.status().lastSuccess());
    }
  }

  static Stream<Arguments> badBuilderCalls() {
    return Stream.<Arguments>of(
        Arguments.of(
            (Consumer<CalibrationLoader.Builder>) b -> b.debounce(Duration.ofMillis(-5)),
            "debounce must be >= 0 ms but was -5"),
        Arguments.of(
            (Consumer<CalibrationLoader.Builder>) b -> b.pollInterval(Duration.ZERO),
            "pollInterval must be > 0 ms but was 0"),
        Arguments.of(
            (Consumer<CalibrationLoader.Builder>) b -> b.maxBytes(0), "maxBytes must be > 0 but was 0"),
        Arguments.of(
            (Consumer<CalibrationLoader.Builder>) b -> b.factorDefaults("T", Map.of("k", Double.NaN)),
            "factor T.k must be finite and > 0 but was NaN"),
        Arguments.of(
            (Consumer<CalibrationLoader.Builder>) b -> b.source(ConfigSources.memory()).source(ConfigSources.memory()),
            "source is already set to memory; a loader reads one source (compose sources in your own ConfigSource)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badBuilderCalls")
  void builder_badValue_rejectedAtTheCallNamingIt(
      Consumer<CalibrationLoader.Builder> call, String message) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> call.accept(CalibrationLoader.builder()));
    assertEquals(message, e.getMessage());
  }

  @Test
  void builder_noSource_buildFailsSayingWhatToDo() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> CalibrationLoader.builder().build());
    assertTrue(e.getMessage().startsWith("source is not set"));
  }

  @Test
  void fetch_lambdaSource_notModifiedKeepsSnapshot() {
    int[] calls = {0};
    ConfigSource source =
        (tag, max) -> calls[0]++ == 0 ? ConfigFetch.of(TestConfigs.bytes(1), "\"e1\"") : ConfigFetch.notModified();
    try (CalibrationLoader loader = builder(source).build()) {
      CalibrationSnapshot first = loader.current();
      time.advance(POLL.multipliedBy(2));
      assertSame(first, loader.current());
      assertEquals(3, calls[0]);
      assertEquals(3, loader.status().checks());
    }
  }
}
