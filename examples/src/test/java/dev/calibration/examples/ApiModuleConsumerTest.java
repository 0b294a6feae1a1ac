package dev.calibration.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calibration.api.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API as a named-module consumer meets it: the module exports exactly {@code
 * dev.calibration.api}, needs nothing at run time, and a consumer module compiles and runs against
 * it on the module path.
 */
class ApiModuleConsumerTest {

  private static Path locationOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static ModuleDescriptor apiDescriptor() throws URISyntaxException {
    return ModuleFinder.of(locationOf(Prediction.class))
        .find("dev.calibration.api")
        .orElseThrow(() -> new AssertionError("calibration-api has no module descriptor"))
        .descriptor();
  }

  @Test
  void apiModule_exportsOnlyItsApiPackage() throws Exception {
    Set<String> exports =
        apiDescriptor().exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet());
    assertEquals(Set.of("dev.calibration.api"), exports);
  }

  @Test
  void apiModule_requiresNothingAtRunTime() throws Exception {
    for (ModuleDescriptor.Requires r : apiDescriptor().requires()) {
      boolean mandated = r.name().equals("java.base");
      boolean compileOnly = r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC);
      assertTrue(mandated || compileOnly, "unexpected run-time requirement: " + r);
    }
  }

  @Test
  void namedModuleConsumer_compilesAndRunsOnTheModulePath(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src/consumer");
    Files.createDirectories(src.resolve("demo"));
    Files.writeString(
        src.resolve("module-info.java"), "module consumer { requires dev.calibration.api; }");
    Files.writeString(
        src.resolve("demo/Main.java"),
        String.join(
            "\n",
            "package demo;",
            "import dev.calibration.api.Prediction;",
            "import java.time.Instant;",
            "public class Main {",
            "  public static void main(String[] args) {",
            "    Prediction p = Prediction.builder(\"SKU001\", Instant.EPOCH)",
            "        .value(\"price\", 45.0).segment(\"condition\", \"new\").build();",
            "    System.out.print(p.id() + \" \" + p.values() + \" \"",
            "        + p.getClass().getModule().getName());",
            "  }",
            "}"));
    Path out = dir.resolve("out/consumer");
    String modulePath = locationOf(Prediction.class) + java.io.File.pathSeparator
        + locationOf(NullMarked.class);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc =
        javac.run(
            null,
            diagnostics,
            diagnostics,
            "--module-path",
            modulePath,
            "-d",
            out.toString(),
            src.resolve("module-info.java").toString(),
            src.resolve("demo/Main.java").toString());
    assertEquals(0, rc, () -> diagnostics.toString(StandardCharsets.UTF_8));

    // At run time only the API module itself is on the module path: no dependency is needed.
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                locationOf(Prediction.class) + java.io.File.pathSeparator + out,
                "-m",
                "consumer/demo.Main")
            .redirectErrorStream(true)
            .start();
    String output;
    try (InputStream in = child.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "consumer did not finish");
    assertEquals(0, child.exitValue(), output);
    assertEquals("SKU001 {price=45.0} dev.calibration.api", output);
  }

  @Test
  void apiModule_containsNoPackageBeyondItsExports() throws URISyntaxException {
    // Every package of the module is exported: there is no internal package to leak or reach.
    ModuleDescriptor d = apiDescriptor();
    assertEquals(
        List.of("dev.calibration.api"), d.packages().stream().sorted().collect(Collectors.toList()));
  }
}
