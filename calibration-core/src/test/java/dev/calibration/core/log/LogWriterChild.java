package dev.calibration.core.log;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of the multi-process and crash tests: logs {@code count} typical records with ids
 * {@code prefix0, prefix1, ...} to a file.
 *
 * <p>Arguments: {@code file prefix count durability syncEvery startSignal}. It prints {@code ready}
 * once the logger is open, waits for the start-signal file (unless {@code -}), and after each
 * {@code sync()} that returns prints {@code synced N}: records 0 to N-1 are durable.
 */
public final class LogWriterChild {
  private LogWriterChild() {}

  /** Runs the child; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    Durability durability = Durability.valueOf(args[3]);
    int syncEvery = Integer.parseInt(args[4]);
    Path start = args[5].equals("-") ? null : Path.of(args[5]);
    PrintStream out = System.out;
    try (JsonlPredictionLogger log =
        JsonlPredictionLogger.builder(file).durability(durability).allowDuplicates().build()) {
      out.println("ready");
      out.flush();
      while (start != null && !Files.exists(start)) {
        Thread.onSpinWait();
      }
      for (int i = 0; i < count; i++) {
        log.log(LogTestSupport.typical(prefix + i, i));
        if (syncEvery > 0 && (i + 1) % syncEvery == 0) {
          log.sync();
          out.println("synced " + (i + 1));
          out.flush();
        }
      }
    }
    out.println("done");
    out.flush();
  }
}
