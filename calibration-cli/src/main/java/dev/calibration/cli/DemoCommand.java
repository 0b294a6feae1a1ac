package dev.calibration.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calibration.api.CalibrationSnapshot;
import dev.calibration.api.ProposalRisk;
import dev.calibration.api.SegmentKey;
import dev.calibration.api.VersionCandidate;
import dev.calibration.api.VersionInfo;
import dev.calibration.core.registry.FileSystemRegistry;
import dev.calibration.loader.CalibrationLoader;
import dev.calibration.loader.ConfigSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code calibration demo}: the whole loop on generated data. */
@Command(
    name = "demo",
    header = "Run the whole loop on generated data, in seconds.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the whole loop on generated data, start to finish, in seconds: a pricing data set"
          + " (price and 60-day sell-through per item, conditions as segments, a deliberate"
          + " miscalibration) and a trading one (win confidence from a 4-model ensemble) are"
          + " logged through the real logger; outcomes are written; the run measures, fits and"
          + " proposes; the gates are shown; the proposal is approved as 'demo' and activated; a"
          + " real CalibrationLoader picks it up (a prediction is shown before and after the"
          + " reload); then it is rolled back and the prediction shown again.",
    },
    footerHeading = "%nExamples:%n",
    footer = {"  calibration demo", "  calibration demo --dir /tmp/calibration-demo --items 20000"})
final class DemoCommand implements Callable<Integer> {
  @ParentCommand CalibrationCommand root;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where to put the demo's files (default: a new temporary directory).")
  @Nullable Path dir;

  @Option(
      names = "--items",
      paramLabel = "N",
      defaultValue = "3000",
      description = "Pricing items and trades to generate (default: ${DEFAULT-VALUE}).")
  int items = 3000;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "2026",
      description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
  long seed = 2026;

  @Spec CommandSpec spec;

  private static final String TABLE = "CONDITION_PRICE_FACTOR";
  private static final SegmentKey USED_GOOD = SegmentKey.of("condition", "used_good");
  private static final SegmentKey FX = SegmentKey.of("market", "fx");
  private static final Map<String, Double> SAMPLE_MEMBERS =
      orderedMembers(0.70, 0.78, 0.55, 0.66);

  private final List<String> timings = new ArrayList<>();
  private long stageStart;
  private String stageName = "";

  /** Prints a stage's header ("== N. ...") and records how long the previous stage took. */
  private void stage(PrintWriter w, String header) {
    endStage();
    stageName = header.substring(3, header.indexOf('.'));
    stageStart = System.nanoTime();
    w.println(header);
  }

  private void endStage() {
    if (!stageName.isEmpty()) {
      timings.add(
          String.format(
              Locale.ROOT, "%s: %.1f s", stageName, (System.nanoTime() - stageStart) / 1e9));
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (items < 500 || items > 1_000_000) {
      throw CliException.usage("--items must be in [500, 1000000] but was " + items);
    }
    long started = System.nanoTime();
    PrintWriter w = spec.commandLine().getOut();
    Path base = dir != null ? dir : Files.createTempDirectory("calibration-demo-");
    Files.createDirectories(base);
    Path predictions = base.resolve("predictions");
    Path outcomes = base.resolve("outcomes");
    Path registryDir = base.resolve("registry");
    Path runDir = base.resolve("run");
    if (Files.exists(registryDir.resolve("audit.jsonl"))) {
      throw CliException.usage(
          base + " already holds a demo registry; give a new --dir or remove it");
    }
    Files.createDirectories(predictions);
    Files.createDirectories(outcomes);
    Instant end = root.clock().instant();

    stage(w, "== 1. The engines log their predictions (the real JsonlPredictionLogger)");
    DemoData.DataSet pricing = DemoData.pricing(items, seed, end);
    DemoData.DataSet trading = DemoData.trading(items, seed + 1, end);
    DemoFiles.logPredictions(pricing.predictions(), predictions.resolve("pricing.jsonl"));
    DemoFiles.logPredictions(trading.predictions(), predictions.resolve("trading.jsonl"));
    DemoFiles.writeOutcomes(pricing.outcomes(), outcomes.resolve("pricing.csv"));
    DemoFiles.writeOutcomes(trading.outcomes(), outcomes.resolve("trading.csv"));
    w.printf(
        Locale.ROOT,
        "   %,d priced items (price, sell_p60; used_good priced 13%% too high, sell-through"
            + " over-confident) and %,d trades (win_p from 4 models) over 8 weeks%n",
        items, items);
    w.println("   logs:     " + predictions);
    w.println("   outcomes: " + outcomes);

    stage(w, "== 2. Today's config: the engines' own factors and weights, approved and active");
    FileSystemRegistry reg = Registries.open(registryDir, root.clock(), true);
    VersionInfo baseline = activateBaseline(reg, base.resolve("baseline"));
    w.println("   " + Show.version(baseline));

    stage(w, "== 3. A host starts a real CalibrationLoader on " + registryDir.resolve("active.json"));
    String proposedId;
    try (CalibrationLoader loader =
        CalibrationLoader.builder()
            .source(ConfigSources.file(registryDir.resolve("active.json")))
            .pollInterval(Duration.ofMillis(200))
            .build()) {
      awaitVersion(loader, baseline.id());
      showPrediction(w, "before", loader.current());

      stage(w, "== 4. calibration run: join, measure, fit, suggest, gate");
      RunPipeline.Outcome run;
      try (Progress progress = root.progress()) {
        run =
            RunPipeline.execute(
                new RunPipeline.Request(
                    List.of(predictions.resolve("pricing.jsonl"), predictions.resolve("trading.jsonl")),
                    List.of(outcomes.resolve("pricing.csv"), outcomes.resolve("trading.csv")),
                    List.of("sell_p60=sold_60d", "price=realized_price", "win_p=won"),
                    List.of("condition", "market"),
                    "auto",
                    runDir,
                    false,
                    seed,
                    Map.of("price", TABLE + ":condition"),
                    Map.of("win_p", "main"),
                    Optional.of(registryDir.resolve("active.json")),
                    "id",
                    Optional.empty()),
                root.clock(),
                progress);
      }
      indent(w, out -> RunPipeline.printSummary(run, out));

      stage(w, "== 5. calibration propose: the candidate enters the registry; the gates decide");
      VersionInfo proposed =
          ProposeCommand.propose(root, registryDir, runDir, "demo", "monthly calibration (demo)");
      indent(w, out -> Proposals.printGates(Proposals.read(runDir.resolve("proposal.json")), out));
      w.println("   " + Show.version(proposed));
      proposedId = proposed.id();
      if (proposed.risk() == ProposalRisk.HIGH) {
        throw CliException.blocked(
            proposed.id() + " is high risk and cannot be approved; the demo stops here, as an"
                + " operator would");
      }

      stage(w, "== 6. calibration approve --by demo, then calibration activate");
      VersionInfo approved =
          Registries.call(
              () -> reg.approve(proposed.id(), "demo", "reviewed the report (demo)"));
      w.println("   approved " + Show.version(approved));
      long t0 = System.nanoTime();
      Registries.call(() -> reg.activate(proposed.id(), "demo", "monthly calibration (demo)"));
      awaitVersion(loader, proposed.id());
      w.printf(
          Locale.ROOT,
          "   activated %s; the loader saw it %d ms after activation began%n",
          proposed.id(),
          (System.nanoTime() - t0) / 1_000_000);
      showPrediction(w, "after", loader.current());

      stage(w, "== 7. calibration rollback: back to the previous version");
      Registries.call(() -> reg.rollback("demo", "demo of an incident rollback"));
      awaitVersion(loader, baseline.id());
      showPrediction(w, "rolled back", loader.current());
    }

    stage(w, "== 8. The audit trail");
    w.println("   " + reg.verify().summary());
    Path report = reg.versionDirectory(proposedId).resolve("report.html");
    w.println("HTML report: " + report.toAbsolutePath());
    endStage();
    w.println("time per stage: " + String.join(", ", timings));
    w.printf(
        Locale.ROOT,
        "demo finished in %.1f s; its files are in %s%n",
        (System.nanoTime() - started) / 1e9,
        base.toAbsolutePath());
    return ExitCodes.OK;
  }

  /** Proposes, validates, approves and activates the engines' current factors and weights. */
  private static VersionInfo activateBaseline(FileSystemRegistry reg, Path dir) throws IOException {
    ObjectNode config = Json.MAPPER.createObjectNode();
    config.put("schema", 1);
    config.put("version", "baseline");
    config.putObject("calibrators");
    ObjectNode factors = config.putObject("factors").putObject(TABLE);
    for (String c : DemoData.CONDITIONS) {
      factors.put(c, DemoData.ENGINE_FACTORS.get(c));
    }
    ObjectNode bounds = config.putObject("bounds").putObject(TABLE);
    bounds.put("min", 0.5);
    bounds.put("max", 1.2);
    ObjectNode weights = config.putObject("weights").putObject("main");
    DemoData.ENSEMBLE_WEIGHTS.forEach(weights::put);
    ObjectNode proposal = Json.MAPPER.createObjectNode();
    proposal.put("schema", 1);
    ObjectNode risk = proposal.putObject("risk");
    risk.put("level", "LOW");
    risk.put("score", 0.0);
    risk.put("blocking", false);
    proposal.putArray("checks");
    proposal.putArray("rationale").add("the factors and weights the engines use today");
    byte[] configBytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(config);
    byte[] proposalBytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(proposal);
    Files.createDirectories(dir);
    Files.write(dir.resolve("calibration.json"), configBytes);
    Files.write(dir.resolve("proposal.json"), proposalBytes);
    VersionInfo v =
        Registries.call(
            () ->
                reg.propose(
                    VersionCandidate.of(configBytes, proposalBytes, ProposalRisk.LOW),
                    "demo",
                    "the engines' current configuration"));
    Registries.call(() -> reg.validate(v.id(), "demo"));
    Registries.call(() -> reg.approve(v.id(), "demo", "baseline (demo)"));
    return Registries.call(() -> reg.activate(v.id(), "demo", "baseline (demo)"));
  }

  /** Waits until the loader serves {@code version}. */
  private static void awaitVersion(CalibrationLoader loader, String version)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + 10_000_000_000L;
    while (!loader.currentVersion().map(version::equals).orElse(false)) {
      if (System.nanoTime() > deadline) {
        throw CliException.data(
            "the loader did not pick up " + version + " within 10 s: " + loader.status());
      }
      Thread.sleep(5);
    }
  }

  /** One item and one trade priced through the snapshot, as the host engines would. */
  private static void showPrediction(PrintWriter w, String when, CalibrationSnapshot s) {
    double factor = s.factor(TABLE, "used_good");
    double sell = s.calibrate("sell_p60", USED_GOOD, 0.85);
    Map<String, Double> weights = s.weights("main");
    double raw = 0;
    for (Map.Entry<String, Double> m : SAMPLE_MEMBERS.entrySet()) {
      raw += weights.getOrDefault(m.getKey(), 0.25) * m.getValue();
    }
    double win = s.calibrate("win_p", FX, raw);
    StringBuilder ws = new StringBuilder();
    weights.forEach((k, v) -> ws.append(String.format(Locale.ROOT, " %s=%.3f", k, v)));
    w.printf(
        Locale.ROOT,
        "   [%s, %s] used_good item, base 120.00: price %.2f (factor %.3f), P(sell in 60 d)"
            + " 0.850 -> %.3f%n",
        when,
        s.version().orElse("defaults"),
        120.0 * factor,
        factor,
        sell);
    w.printf(
        Locale.ROOT,
        "   [%s] fx trade: ensemble %.3f -> calibrated win confidence %.3f; weights%s%n",
        when,
        raw,
        win,
        ws);
  }

  private static Map<String, Double> orderedMembers(double... p) {
    Map<String, Double> m = new LinkedHashMap<>();
    String[] names = {"xgb", "lgbm", "nhits", "patchtst"};
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], p[i]);
    }
    return m;
  }

  private static void indent(PrintWriter w, java.util.function.Consumer<PrintWriter> body) {
    java.io.StringWriter sink = new java.io.StringWriter();
    PrintWriter inner = new PrintWriter(sink);
    body.accept(inner);
    inner.flush();
    for (String line : sink.toString().split("\\R")) {
      w.println("   " + line);
    }
  }
}
