package dev.calibration.core.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link RegistryChild} in a fresh JVM with this test's class path. */
final class ChildJvm {
  private ChildJvm() {}

  static Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Xmx64m");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
    cmd.add(RegistryChild.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Reads the child's stdout up to its READY line; fails if the child ends first. */
  static BufferedReader awaitReady(Process p) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.equals("READY")) {
        return out;
      }
    }
    throw new IllegalStateException("child ended before READY, exit " + p.exitValue());
  }
}
