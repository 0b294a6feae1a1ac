package dev.calibration.core.registry;

import dev.calibration.api.ProposalRisk;
import dev.calibration.api.VersionCandidate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The main class of the child JVMs that the crash and two-process tests start. Not a test.
 *
 * <ul>
 *   <li>{@code loop DIR}: prints READY, then forever proposes, validates, approves and activates a
 *       fresh version and rolls back to the previous one, until killed.
 *   <li>{@code activate DIR ID GOFILE}: prints READY, waits for GOFILE to exist, activates ID.
 *   <li>{@code cycles DIR N TAG GOFILE}: prints READY, waits for GOFILE, then N times proposes,
 *       validates, approves and activates a fresh version.
 *   <li>{@code hold DIR ID RELEASEFILE}: prints READY, validates ID with a validator that prints
 *       HOLDING and then waits (holding the registry lock) until RELEASEFILE exists.
 * </ul>
 */
public final class RegistryChild {
  private RegistryChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    FileSystemRegistry.Builder builder =
        FileSystemRegistry.builder(dir).lockTimeout(Duration.ofSeconds(60));
    if (args[0].equals("hold")) {
      Path release = Path.of(args[3]);
      builder.validator(
          config -> {
            System.out.println("HOLDING");
            System.out.flush();
            awaitFile(release);
            return java.util.List.of();
          });
    }
    FileSystemRegistry r = builder.open();
    System.out.println("READY");
    System.out.flush();
    switch (args[0]) {
      case "loop":
        for (long i = 0; ; i++) {
          String id =
              r.propose(candidate(ProcessHandle.current().pid() + "-" + i), "alice", "crash loop")
                  .id();
          r.validate(id, "ci");
          r.approve(id, "bob", "crash loop");
          r.activate(id, "bob", "crash loop");
          r.rollback("bob", "crash loop");
        }
      case "activate":
        awaitFile(Path.of(args[3]));
        r.activate(args[2], "op-" + ProcessHandle.current().pid(), "concurrent activation");
        break;
      case "cycles":
        awaitFile(Path.of(args[4]));
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
          String id = r.propose(candidate(args[3] + "-" + i), "alice", "cycle").id();
          r.validate(id, "ci");
          r.approve(id, "bob", "cycle");
          r.activate(id, "bob", "cycle " + args[3] + " " + i);
        }
        break;
      case "hold":
        r.validate(args[2], "ci");
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    System.out.println("DONE");
  }

  private static VersionCandidate candidate(String tag) {
    String json =
        String.format(Locale.ROOT, "{\"schema\":1,\"version\":\"draft\",\"tag\":\"%s\"}", tag);
    return VersionCandidate.of(
        json.getBytes(StandardCharsets.UTF_8),
        "{}".getBytes(StandardCharsets.UTF_8),
        ProposalRisk.LOW);
  }

  private static void awaitFile(Path go) {
    while (!Files.exists(go)) {
      Thread.onSpinWait();
    }
  }
}
