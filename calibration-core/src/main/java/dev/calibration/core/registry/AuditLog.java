package dev.calibration.core.registry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calibration.api.AuditEvent;
import dev.calibration.core.internal.io.AtomicFiles;
import dev.calibration.core.registry.AuditVerification.Finding;
import dev.calibration.core.registry.AuditVerification.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The registry's audit log, {@code audit.jsonl}: one event per line, each carrying the SHA-256 of
 * the line before it, with the head (last sequence number and hash) anchored in {@code audit.head}.
 *
 * <p>A line's hash is the SHA-256 of its exact bytes (without the newline). With an HMAC key, each
 * line and the head end with {@code ,"mac":"<hex>"}, the HMAC-SHA256 of the same bytes without that
 * member, so that someone who can rewrite the whole file still cannot forge it.
 *
 * <p>Before each append the writer records its intent in {@code audit.intent} ({@code
 * {"seq":n,"hash":"<SHA-256 of the exact line>"}}, replaced atomically), then appends the line,
 * then replaces {@code audit.head}, then removes the intent. So the only lines that may lawfully
 * lie beyond the anchored head are the one line a crashed writer meant to append: a line (or a cut
 * short line) past the head that the intent does not name was appended by hand. A registry written
 * before the intent existed is at rest with its head on its last line and no intent file, and reads
 * as before.
 *
 * <p>{@link #verify(Path)} walks the chain read-only and reports the first line that was edited,
 * removed, reordered or inserted, and a tail that was deleted or appended by hand. This class does
 * no locking: the registry appends only while it holds its write lock.
 */
public final class AuditLog {
  static final String LOG_FILE = "audit.jsonl";
  static final String HEAD_FILE = "audit.head";
  static final String INTENT_FILE = "audit.intent";

  private static final byte[] MAC_MEMBER = ",\"mac\":\"".getBytes(StandardCharsets.US_ASCII);

  /** Length of {@code ,"mac":"<64 hex>"}} at the end of a keyed line. */
  private static final int MAC_SUFFIX = MAC_MEMBER.length + 64 + 2;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Path logFile;
  private final Path headFile;
  private final Path intentFile;
  private final byte @Nullable [] key;

  AuditLog(Path registryDir, byte @Nullable [] key) {
    this.logFile = registryDir.resolve(LOG_FILE);
    this.headFile = registryDir.resolve(HEAD_FILE);
    this.intentFile = registryDir.resolve(INTENT_FILE);
    this.key = key == null ? null : key.clone();
  }

  /**
   * Walks the audit chain of the registry in {@code registryDir} without changing anything.
   *
   * @throws IOException if the log or head cannot be read
   */
  public static AuditVerification verify(Path registryDir) throws IOException {
    AuditLog log = new AuditLog(registryDir, null);
    return log.verify(log.read());
  }

  /**
   * Walks the audit chain, also checking every line's and the head's HMAC with {@code hmacKey}.
   *
   * @throws IOException if the log or head cannot be read
   */
  public static AuditVerification verify(Path registryDir, byte[] hmacKey) throws IOException {
    AuditLog log = new AuditLog(registryDir, hmacKey);
    return log.verify(log.read());
  }

  boolean keyed() {
    return key != null;
  }

  // ---------------------------------------------------------------- reading

  /** One complete line of the log. {@code event} is null when the line is not a valid event. */
  record Line(
      int number,
      byte[] bytes,
      String hash,
      @Nullable AuditEvent event,
      String error,
      @Nullable String mac) {}

  /** The anchored head, as read from {@code audit.head}. */
  record Head(long seq, String hash, @Nullable String mac, byte[] bytes) {}

  /**
   * A writer's recorded intent, as read from {@code audit.intent}: the seq and the SHA-256 of the
   * exact line (without its newline) it was about to append.
   */
  record Intent(long seq, String hash) {

    /** Whether {@code line} is exactly the line this intent announced. */
    boolean names(Line line) {
      AuditEvent e = line.event();
      return e != null && e.seq() == seq && Hashes.same(hash, line.hash());
    }
  }

  /**
   * The log as read at one moment.
   *
   * @param lines the complete ({@code \n}-terminated) lines
   * @param committedLength bytes up to and including the last newline
   * @param tornLength bytes after the last newline (a cut-short append)
   * @param head the anchored head, if the head file exists and parses
   * @param headError why the head file exists but does not parse, or empty
   * @param headRaw the bytes of the head file as read (empty when missing)
   * @param intent the write intent left in {@code audit.intent}, if it exists and parses
   * @param intentFound whether {@code audit.intent} exists at all (parsable or not)
   * @param raw the whole file
   */
  record Content(
      List<Line> lines,
      long committedLength,
      int tornLength,
      @Nullable Head head,
      String headError,
      byte[] headRaw,
      @Nullable Intent intent,
      boolean intentFound,
      byte[] raw) {

    /** The readable events in file order. */
    List<AuditEvent> events() {
      List<AuditEvent> out = new ArrayList<>(lines.size());
      for (Line l : lines) {
        if (l.event() != null) {
          out.add(l.event());
        }
      }
      return out;
    }

    long lastSeq() {
      for (int i = lines.size() - 1; i >= 0; i--) {
        AuditEvent e = lines.get(i).event();
        if (e != null) {
          return e.seq();
        }
      }
      return 0;
    }

    /** The highest sequence number seen in the log or the head. */
    long maxSeq() {
      long max = head == null ? 0 : head.seq();
      for (Line l : lines) {
        if (l.event() != null) {
          max = Math.max(max, l.event().seq());
        }
      }
      return max;
    }

    String lastHash() {
      return lines.isEmpty() ? Hashes.GENESIS : lines.get(lines.size() - 1).hash();
    }
  }

  /**
   * Reads the log, the head and the intent. A reader without the lock can race a writer (see the
   * line appended, the old head, and the intent already removed), so the head is read again last
   * and the whole read repeated if it changed: the head only moves forward, so an unchanged head
   * means no append finished during the read.
   */
  Content read() throws IOException {
    Content c = readOnce();
    for (int attempt = 0; attempt < 10; attempt++) {
      byte[] headAfter = Files.exists(headFile) ? Files.readAllBytes(headFile) : new byte[0];
      if (Arrays.equals(headAfter, c.headRaw())) {
        return c;
      }
      c = readOnce();
    }
    return c;
  }

  private Content readOnce() throws IOException {
    byte[] raw = Files.exists(logFile) ? Files.readAllBytes(logFile) : new byte[0];
    List<Line> lines = new ArrayList<>();
    int from = 0;
    int number = 1;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\n') {
        byte[] bytes = Arrays.copyOfRange(raw, from, i);
        lines.add(parseLine(number++, bytes));
        from = i + 1;
      }
    }
    Head head = null;
    String headError = "";
    byte[] headRaw = Files.exists(headFile) ? Files.readAllBytes(headFile) : new byte[0];
    if (Files.exists(headFile)) {
      byte[] hb = headRaw;
      int end = hb.length;
      while (end > 0 && (hb[end - 1] == '\n' || hb[end - 1] == '\r')) {
        end--;
      }
      hb = Arrays.copyOf(hb, end);
      try {
        JsonNode n = MAPPER.readTree(hb);
        if (n == null
            || !n.isObject()
            || !n.path("seq").isIntegralNumber()
            || !n.path("hash").isTextual()) {
          headError = "audit.head is not {\"seq\":n,\"hash\":\"...\"}";
        } else {
          JsonNode mac = n.get("mac");
          head =
              new Head(
                  n.get("seq").asLong(),
                  n.get("hash").asText(),
                  mac != null && mac.isTextual() ? mac.asText() : null,
                  hb);
        }
      } catch (IOException e) {
        headError = "audit.head is not valid JSON: " + e.getMessage();
      }
    }
    return new Content(
        List.copyOf(lines),
        from,
        raw.length - from,
        head,
        headError,
        headRaw,
        readIntent(),
        Files.exists(intentFile),
        raw);
  }

  /**
   * The intent in {@code audit.intent}; null when the file is missing (or removed while reading) or
   * is not an intent.
   */
  private @Nullable Intent readIntent() {
    try {
      JsonNode n = MAPPER.readTree(Files.readAllBytes(intentFile));
      if (n != null
          && n.isObject()
          && n.path("seq").isIntegralNumber()
          && n.path("hash").isTextual()
          && n.get("hash").asText().length() == 64) {
        return new Intent(n.get("seq").asLong(), n.get("hash").asText());
      }
    } catch (IOException e) {
      // Missing, removed while we read it, or not an intent this class wrote: it names nothing.
    }
    return null;
  }

  private static Line parseLine(int number, byte[] bytes) {
    String hash = Hashes.sha256(bytes);
    JsonNode n;
    try {
      n = MAPPER.readTree(bytes);
    } catch (IOException e) {
      return new Line(number, bytes, hash, null, "not valid JSON", null);
    }
    if (n == null || !n.isObject()) {
      return new Line(number, bytes, hash, null, "not a JSON object", null);
    }
    try {
      long seq = requireLong(n, "seq");
      Instant ts = Instant.parse(requireText(n, "ts"));
      String eventName = requireText(n, "event");
      AuditEvent.Kind kind =
          AuditEvent.Kind.fromWireName(eventName)
              .orElseThrow(
                  () -> new IllegalArgumentException("unknown event \"" + eventName + "\""));
      Map<String, String> details = new LinkedHashMap<>();
      JsonNode d = n.get("details");
      if (d != null) {
        if (!d.isObject()) {
          throw new IllegalArgumentException("details must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!e.getValue().isTextual()) {
            throw new IllegalArgumentException("details." + e.getKey() + " must be a string");
          }
          details.put(e.getKey(), e.getValue().asText());
        }
      }
      AuditEvent event =
          new AuditEvent(
              seq,
              ts,
              kind,
              requireText(n, "actor"),
              requireText(n, "reason"),
              optionalText(n, "version"),
              optionalText(n, "config_sha256"),
              requireText(n, "prev"),
              hash,
              details);
      return new Line(number, bytes, hash, event, "", optionalText(n, "mac").orElse(null));
    } catch (RuntimeException e) {
      return new Line(
          number, bytes, hash, null, e.getMessage() == null ? e.toString() : e.getMessage(), null);
    }
  }

  private static long requireLong(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(field + " must be an integer");
    }
    return v.asLong();
  }

  private static String requireText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return v.asText();
  }

  private static Optional<String> optionalText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return Optional.of(v.asText());
  }

  // ---------------------------------------------------------------- verifying

  AuditVerification verify(Content c) {
    List<Finding> findings = new ArrayList<>();
    List<Line> lines = c.lines();
    int n = lines.size();
    int start = 1;
    long startSeq = 1;
    for (int i = n; i >= 1; i--) {
      AuditEvent e = lines.get(i - 1).event();
      if (e != null && e.kind() == AuditEvent.Kind.ACKNOWLEDGED) {
        int prefixLength = 0;
        for (int k = 0; k < i - 1; k++) {
          prefixLength += lines.get(k).bytes().length + 1;
        }
        String recorded = e.details().getOrDefault("prefix_sha256", "");
        if (!Hashes.same(recorded, Hashes.sha256(c.raw(), 0, prefixLength))) {
          findings.add(
              new Finding(
                  Kind.EDITED,
                  i,
                  "lines 1-" + (i - 1) + " changed after they were acknowledged at line " + i,
                  false));
          return new AuditVerification(n, c.lastSeq(), keyed(), findings);
        }
        start = i;
        startSeq = e.seq();
        break;
      }
    }
    Map<String, Integer> indexByHash = new HashMap<>();
    for (int i = Math.max(1, start - 1); i <= n; i++) {
      indexByHash.putIfAbsent(lines.get(i - 1).hash(), i);
    }
    for (int i = start; i <= n && findings.isEmpty(); i++) {
      Line line = lines.get(i - 1);
      long expected = startSeq + (i - start);
      AuditEvent e = line.event();
      if (e == null) {
        findings.add(
            new Finding(
                Kind.MALFORMED,
                i,
                "line "
                    + i
                    + " is not a valid audit event ("
                    + line.error()
                    + "): edited or corrupted",
                false));
        break;
      }
      if (key != null && !macOk(line.bytes(), line.mac())) {
        findings.add(
            new Finding(
                Kind.MAC_MISMATCH, i, "line " + i + " fails its HMAC: edited or forged", false));
        break;
      }
      int first = indexByHash.getOrDefault(line.hash(), i);
      if (first < i) {
        findings.add(
            new Finding(
                Kind.INSERTED, i, "line " + i + " repeats line " + first + ": inserted", false));
        break;
      }
      int j =
          Hashes.GENESIS.equals(e.previousHash())
              ? 0
              : indexByHash.getOrDefault(e.previousHash(), -1);
      if (j == i - 1) {
        if (e.seq() != expected) {
          findings.add(
              new Finding(
                  Kind.EDITED,
                  i,
                  "line "
                      + i
                      + " has seq "
                      + e.seq()
                      + " but "
                      + expected
                      + " was expected: edited",
                  false));
        }
      } else if (j > i) {
        findings.add(
            new Finding(
                Kind.REORDERED,
                i,
                "line " + i + " continues from line " + j + ", which comes after it: reordered",
                false));
      } else if (j >= 0) {
        findings.add(
            new Finding(
                Kind.INSERTED,
                j + 1,
                "line " + (j + 1) + " was inserted: line " + i + " continues from line " + j,
                false));
      } else if (e.seq() > expected) {
        findings.add(
            new Finding(
                Kind.REMOVED,
                i,
                "events "
                    + expected
                    + (e.seq() - 1 > expected ? "-" + (e.seq() - 1) : "")
                    + " are missing before line "
                    + i
                    + ": removed",
                false));
      } else if (i > start) {
        findings.add(
            new Finding(
                Kind.EDITED,
                i - 1,
                "line "
                    + (i - 1)
                    + " changed after it was written: line "
                    + i
                    + " records a different hash for it",
                false));
      } else {
        findings.add(
            new Finding(
                Kind.EDITED, i, "line " + i + " does not continue the chain: edited", false));
      }
    }
    if (findings.isEmpty()) {
      checkHead(c, findings);
    }
    if (c.tornLength() > 0) {
      findings.add(tornTail(c));
    }
    return new AuditVerification(n, c.lastSeq(), keyed(), findings);
  }

  /**
   * Whether the bytes after the last newline are the start of the line a writer recorded its intent
   * to append next: a crash cut that append short, and the bytes can be removed.
   */
  boolean intentCoversTornTail(Content c) {
    Intent intent = c.intent();
    return c.tornLength() > 0 && intent != null && intent.seq() == c.lastSeq() + 1;
  }

  private Finding tornTail(Content c) {
    int line = c.lines().size() + 1;
    if (intentCoversTornTail(c)) {
      return new Finding(
          Kind.TORN_TAIL,
          line,
          "line "
              + line
              + " has no newline ("
              + c.tornLength()
              + " bytes): the append of seq "
              + (c.lastSeq() + 1)
              + " recorded in audit.intent was cut short",
          true);
    }
    return new Finding(
        Kind.APPENDED,
        line,
        "line "
            + line
            + " has no newline ("
            + c.tornLength()
            + " bytes) and no write intent in audit.intent names it: appended by hand or"
            + " corrupted",
        false);
  }

  private void checkHead(Content c, List<Finding> findings) {
    List<Line> lines = c.lines();
    int n = lines.size();
    if (!c.headError().isEmpty()) {
      findings.add(new Finding(Kind.HEAD_MISMATCH, n, c.headError(), false));
      return;
    }
    Head head = c.head();
    if (head != null && key != null && !macOk(head.bytes(), head.mac())) {
      findings.add(
          new Finding(Kind.MAC_MISMATCH, n, "audit.head fails its HMAC: edited or forged", false));
      return;
    }
    long headSeq = head == null ? 0 : head.seq();
    String headHash = head == null ? Hashes.GENESIS : head.hash();
    long lastSeq = c.lastSeq();
    if (headSeq == lastSeq) {
      if (!Hashes.same(headHash, c.lastHash())) {
        findings.add(
            new Finding(
                Kind.EDITED,
                n,
                "line " + n + " does not match the hash anchored in audit.head: edited",
                false));
      }
    } else if (headSeq < lastSeq) {
      checkBeyondHead(c, headSeq, headHash, findings);
    } else {
      findings.add(
          new Finding(
              Kind.TRUNCATED,
              n + 1,
              "audit.head anchors seq "
                  + headSeq
                  + " but the log ends at seq "
                  + lastSeq
                  + ": the last "
                  + (headSeq - lastSeq)
                  + " event(s) were deleted",
              false));
    }
  }

  /**
   * Lines beyond the anchored head: the first may be the line a crashed writer recorded in {@code
   * audit.intent} (repairable); any other was appended by hand.
   */
  private void checkBeyondHead(Content c, long headSeq, String headHash, List<Finding> findings) {
    List<Line> lines = c.lines();
    int n = lines.size();
    long lastSeq = c.lastSeq();
    int headLine = (int) (n - (lastSeq - headSeq)); // 1-based; 0 when the head is the genesis
    if (headLine < 0) {
      headLine = 0;
    }
    String anchored = headLine == 0 ? Hashes.GENESIS : lines.get(headLine - 1).hash();
    if (c.head() != null && !Hashes.same(headHash, anchored)) {
      findings.add(
          new Finding(
              Kind.EDITED,
              Math.max(1, headLine),
              "line "
                  + Math.max(1, headLine)
                  + " does not match the hash anchored in audit.head (seq "
                  + headSeq
                  + "): edited",
              false));
      return;
    }
    Intent intent = c.intent();
    Line next = lines.get(headLine);
    boolean crashTail = intent != null && intent.names(next);
    int firstByHand = crashTail ? headLine + 2 : headLine + 1;
    if (firstByHand > n) {
      findings.add(
          new Finding(
              Kind.UNANCHORED_TAIL,
              n,
              "line "
                  + n
                  + " is not anchored in audit.head (it stops at seq "
                  + headSeq
                  + ") but is the line recorded in audit.intent: a crash between the append and"
                  + " the head update",
              true));
      return;
    }
    String which =
        firstByHand == n ? "line " + n + " comes" : "lines " + firstByHand + "-" + n + " come";
    findings.add(
        new Finding(
            Kind.APPENDED,
            firstByHand,
            which
                + " after the head anchored in audit.head (seq "
                + headSeq
                + ")"
                + (crashTail ? " and after the line recorded in audit.intent" : "")
                + ", and no write intent names "
                + (firstByHand == n ? "it" : "them")
                + ": appended by hand",
            false));
  }

  private boolean macOk(byte[] bytes, @Nullable String mac) {
    byte[] k = key;
    if (k == null) {
      return true;
    }
    if (mac == null || bytes.length < MAC_SUFFIX + 2) {
      return false;
    }
    int at = bytes.length - MAC_SUFFIX;
    if (!Arrays.equals(bytes, at, at + MAC_MEMBER.length, MAC_MEMBER, 0, MAC_MEMBER.length)
        || bytes[bytes.length - 2] != '"'
        || bytes[bytes.length - 1] != '}') {
      return false;
    }
    String written = new String(bytes, at + MAC_MEMBER.length, 64, StandardCharsets.US_ASCII);
    byte[] payload = Arrays.copyOf(bytes, at + 1);
    payload[at] = '}';
    return Hashes.same(written, mac) && Hashes.same(mac, Hashes.hmac(k, payload));
  }

  // ---------------------------------------------------------------- writing

  /** An event to append, before its sequence number and chain hash are known. */
  record Draft(
      AuditEvent.Kind kind,
      Instant time,
      String actor,
      String reason,
      @Nullable String versionId,
      @Nullable String configSha256,
      Map<String, String> details) {}

  /** An event encoded as its exact line bytes (without the newline). */
  record Encoded(byte[] line, AuditEvent event) {}

  Encoded encode(long seq, String previousHash, Draft d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("ts", d.time().toString());
      g.writeStringField("event", d.kind().wireName());
      if (d.versionId() != null) {
        g.writeStringField("version", d.versionId());
      }
      if (d.configSha256() != null) {
        g.writeStringField("config_sha256", d.configSha256());
      }
      g.writeStringField("actor", d.actor());
      g.writeStringField("reason", d.reason());
      if (!d.details().isEmpty()) {
        g.writeObjectFieldStart("details");
        for (Map.Entry<String, String> e : d.details().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      g.writeStringField("prev", previousHash);
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory cannot fail", e);
    }
    byte[] line = withMac(out.toByteArray());
    AuditEvent event =
        new AuditEvent(
            seq,
            d.time(),
            d.kind(),
            d.actor(),
            d.reason(),
            Optional.ofNullable(d.versionId()),
            Optional.ofNullable(d.configSha256()),
            previousHash,
            Hashes.sha256(line),
            d.details());
    return new Encoded(line, event);
  }

  private byte[] withMac(byte[] payload) {
    byte[] k = key;
    if (k == null) {
      return payload;
    }
    byte[] mac = Hashes.hmac(k, payload).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[payload.length - 1 + MAC_SUFFIX];
    System.arraycopy(payload, 0, out, 0, payload.length - 1);
    int at = payload.length - 1;
    System.arraycopy(MAC_MEMBER, 0, out, at, MAC_MEMBER.length);
    System.arraycopy(mac, 0, out, at + MAC_MEMBER.length, 64);
    out[out.length - 2] = '"';
    out[out.length - 1] = '}';
    return out;
  }

  /**
   * Records the intent to append the line in {@code audit.intent}, appends the line and forces it
   * to storage, anchors it in {@code audit.head}, then removes the intent. A crash at any step
   * leaves either no line, a cut-short or unanchored line that the intent names (repaired on open),
   * or a stale intent naming an anchored line (removed on open).
   */
  void append(Encoded e) throws IOException {
    writeIntent(e.event().seq(), e.event().hash());
    boolean created = !Files.exists(logFile);
    byte[] bytes = Arrays.copyOf(e.line(), e.line().length + 1);
    bytes[bytes.length - 1] = '\n';
    try (FileChannel ch =
        FileChannel.open(
            logFile,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    if (created) {
      AtomicFiles.forceDirectory(logFile.toAbsolutePath().getParent());
    }
    writeHead(e.event().seq(), e.event().hash());
    removeIntent();
  }

  private void writeIntent(long seq, String hash) throws IOException {
    String json = "{\"seq\":" + seq + ",\"hash\":\"" + hash + "\"}\n";
    AtomicFiles.write(intentFile, json.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Removes {@code audit.intent}. Not forced to storage: an intent that reappears after a crash
   * names a line already anchored (or never appended) and is removed again on open.
   */
  void removeIntent() throws IOException {
    Files.deleteIfExists(intentFile);
  }

  /**
   * Ends the bytes after the last newline with a newline, so that an appended event starts on a
   * line of its own and the bytes stay in the log as evidence. For acknowledging a tail that no
   * intent names.
   */
  void sealTornTail() throws IOException {
    try (FileChannel ch =
        FileChannel.open(logFile, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(new byte[] {'\n'});
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  void writeHead(long seq, String hash) throws IOException {
    String json = "{\"seq\":" + seq + ",\"hash\":\"" + hash + "\"}";
    byte[] bytes = withMac(json.getBytes(StandardCharsets.US_ASCII));
    byte[] withNewline = Arrays.copyOf(bytes, bytes.length + 1);
    withNewline[bytes.length] = '\n';
    AtomicFiles.write(headFile, withNewline);
  }

  /** Cuts the log back to {@code length} bytes (the end of its last complete line). */
  void truncate(long length) throws IOException {
    try (FileChannel ch = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
      ch.truncate(length);
      ch.force(true);
    }
  }
}
