package dev.calibration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliDocsTest {

  @Test
  void cliMd_matchesTheRealHelp() throws IOException {
    String expected = CliDocs.render();
    if (Boolean.getBoolean("cli.docs.update")) {
      CliDocs.main(new String[0]);
    }
    assertTrue(Files.exists(CliDocs.FILE), "missing " + CliDocs.FILE.toAbsolutePath());
    String actual = Files.readString(CliDocs.FILE, StandardCharsets.UTF_8);
    assertEquals(
        expected,
        actual,
        "docs/cli.md drifted from --help; regenerate with -Dcli.docs.update=true (see CliDocs)");
  }

  @Test
  void cliMd_documentsEveryDesignCommand() throws IOException {
    String doc = Files.readString(CliDocs.FILE, StandardCharsets.UTF_8);
    // DESIGN.md's command-line table, by hand.
    for (String command :
        List.of(
            "run", "apply", "fit", "propose", "check", "approve", "reject", "activate",
            "rollback", "status", "history", "audit verify", "report", "demo")) {
      assertTrue(doc.contains("`calibration " + command + "`"), "no section for " + command);
      assertTrue(doc.contains("Usage: calibration " + command), "no usage for " + command);
    }
  }
}
