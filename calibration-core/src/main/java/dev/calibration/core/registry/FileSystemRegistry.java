package dev.calibration.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calibration.api.AuditEvent;
import dev.calibration.api.CalibrationRegistry;
import dev.calibration.api.ProposalRisk;
import dev.calibration.api.RegistryException;
import dev.calibration.api.VersionCandidate;
import dev.calibration.api.VersionInfo;
import dev.calibration.api.VersionStatus;
import dev.calibration.core.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CalibrationRegistry} in a directory, laid out as:
 *
 * <pre>
 * registry/
 *   audit.jsonl                      append-only, hash-chained events
 *   audit.head                       the anchored head: last seq and hash (replaced atomically)
 *   audit.intent                     only during an append: the seq and hash of the line about to
 *                                    be appended, so a crash tail is told from a hand-appended line
 *   active.json                      the active config, stamped with the event that activated it
 *   versions/&lt;id&gt;/calibration.json   the candidate config (immutable once written)
 *   versions/&lt;id&gt;/proposal.json      metrics, suggestions, safety checks, risk, rationale
 *   versions/&lt;id&gt;/report.md, ...      attachments given with the proposal
 *   history/active_YYYYMMDD_HHMMSS.json   each replaced active.json
 * </pre>
 *
 * <p>The state (each version's status, the active version, the earlier active ones) is the fold of
 * {@code audit.jsonl}. Every write takes the registry's exclusive lock (threads and processes),
 * first repairs what a crashed writer left behind, refuses to go on if the audit chain is broken
 * (until {@link #acknowledge(String, String) acknowledged}), re-reads the log, checks the
 * transition, writes the files and appends one event.
 *
 * <p>Activation and rollback: the new {@code active.json} (the version's config plus {@code
 * approved_by} and an {@code audit_head} member naming the seq and hash of the activating event) is
 * written to a temporary file, forced, renamed over {@code active.json} and the directory forced;
 * the replaced file is archived under {@code history/}; then the event is appended. A crash before
 * the append leaves an {@code active.json} whose {@code audit_head} is not in the log; the next
 * open or write restores the config the log says is active.
 *
 * <p>Concurrency design: instances hold no mutable state besides the immutable {@link
 * #openReport()} taken at open; every operation reads the files afresh, writes happen only under
 * {@link RegistryLock}, and readers never lock (a half-written last line is ignored until
 * complete).
 */
public final class FileSystemRegistry implements CalibrationRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(FileSystemRegistry.class);

  static final String ACTIVE = "active.json";
  static final String VERSIONS = "versions";
  static final String HISTORY = "history";
  static final String CONFIG = "calibration.json";
  static final String PROPOSAL = "proposal.json";

  private static final DateTimeFormatter ID_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern ATTACHMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern TEMP_FILE = Pattern.compile("\\..*\\.(tmp-[0-9a-f]+|reserved)");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path dir;
  private final Clock clock;
  private final ConfigValidator validator;
  private final boolean fourEyes;
  private final @Nullable Path sentinel;
  private final AuditLog audit;
  private final RegistryLock lock;
  private final RepairReport openReport;

  private FileSystemRegistry(Builder b, byte @Nullable [] key) throws IOException {
    this.dir = b.dir.toAbsolutePath().normalize();
    this.clock = b.clock;
    this.validator = b.validator;
    this.fourEyes = b.fourEyes;
    this.sentinel = b.sentinel;
    this.audit = new AuditLog(dir, key);
    this.lock = new RegistryLock(dir, b.lockTimeout, clock);
    Files.createDirectories(dir.resolve(VERSIONS));
    Files.createDirectories(dir.resolve(HISTORY));
    RegistryLock.Held held = lock.acquire("open");
    try {
      this.openReport = recoverLocked();
    } finally {
      held.close();
    }
  }

  /** A builder for a registry in {@code directory} (created if missing). */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /**
   * Opens the registry in {@code directory} with the defaults: system UTC clock, the {@link
   * ConfigValidator#schemaOne()} check, no four-eyes rule, a 10 s lock timeout, no HMAC key.
   */
  public static FileSystemRegistry open(Path directory) {
    return builder(directory).open();
  }

  /** Builds a {@link FileSystemRegistry}; each setter checks its argument at once. */
  public static final class Builder {
    private final Path dir;
    private Clock clock = Clock.systemUTC();
    private ConfigValidator validator = ConfigValidator.schemaOne();
    private boolean fourEyes;
    private Duration lockTimeout = Duration.ofSeconds(10);
    private @Nullable Path sentinel;
    private @Nullable String hmacVariable;
    private Function<String, @Nullable String> environment = System::getenv;

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "directory must not be null");
    }

    /** The clock for event times and version ids; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * How configs are validated before approval and activation; default {@link
     * ConfigValidator#schemaOne()}.
     */
    public Builder validator(ConfigValidator validator) {
      this.validator = Objects.requireNonNull(validator, "validator must not be null");
      return this;
    }

    /** Whether the person who proposed a version is refused as its approver; default false. */
    public Builder fourEyes(boolean fourEyes) {
      this.fourEyes = fourEyes;
      return this;
    }

    /** How long a writer waits for the lock before failing with the holder's name; default 10 s. */
    public Builder lockTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "lockTimeout must not be null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "lockTimeout must be > 0 ms but was " + timeout.toMillis() + " ms");
      }
      this.lockTimeout = timeout;
      return this;
    }

    /**
     * A file rewritten (with the active version id) after each activation or rollback, for hosts
     * that watch one.
     */
    public Builder sentinel(Path sentinel) {
      this.sentinel = Objects.requireNonNull(sentinel, "sentinel must not be null");
      return this;
    }

    /**
     * The environment variable holding the HMAC key for the audit chain. When set here, the
     * variable must be present and non-blank at {@link #open()}; every event and the head are then
     * signed and checked.
     */
    public Builder hmacKeyVariable(String variable) {
      Objects.requireNonNull(variable, "hmacKeyVariable must not be null");
      if (variable.isBlank()) {
        throw new IllegalArgumentException("hmacKeyVariable must not be blank");
      }
      this.hmacVariable = variable;
      return this;
    }

    /**
     * How environment variables are looked up; default {@link System#getenv(String)}. For tests.
     */
    public Builder environment(Function<String, @Nullable String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment must not be null");
      return this;
    }

    /**
     * Opens the registry, creating its directories if needed, and repairs what a crashed writer
     * left behind (see {@link FileSystemRegistry#openReport()}).
     *
     * @throws RegistryException {@code CAL-REG-013} if the HMAC key variable is unset, {@code
     *     CAL-REG-006} if the lock cannot be taken, {@code CAL-REG-009} on an I/O failure
     */
    public FileSystemRegistry open() {
      byte[] key = null;
      String variable = hmacVariable;
      if (variable != null) {
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
          throw new RegistryException(
              "CAL-REG-013",
              "HMAC key variable "
                  + variable
                  + " is not set or blank; set it, or open the registry without hmacKeyVariable");
        }
        key = value.getBytes(StandardCharsets.UTF_8);
      }
      try {
        return new FileSystemRegistry(this, key);
      } catch (IOException e) {
        throw new RegistryException("CAL-REG-009", "cannot open registry " + dir + ": " + e, e);
      }
    }
  }

  /** The registry directory. */
  public Path directory() {
    return dir;
  }

  /** The directory holding a version's files ({@code versions/<id>}); it may not exist. */
  public Path versionDirectory(String id) {
    return dir.resolve(VERSIONS).resolve(checkedId(id));
  }

  /** What opening this registry found and repaired. */
  public RepairReport openReport() {
    return openReport;
  }

  /** Walks the audit chain now; read-only. */
  public AuditVerification verify() {
    try {
      return audit.verify(audit.read());
    } catch (IOException e) {
      throw ioFailure("verify", e);
    }
  }

  /**
   * Records that an operator inspected a broken audit chain and accepts the log as it now stands,
   * so that writes may resume. The event names the first problem and fixes the SHA-256 of every
   * byte before it, so later edits to that part are still detected.
   *
   * @throws RegistryException {@code CAL-REG-014} if the chain is intact
   */
  public AuditEvent acknowledge(String actor, String reason) {
    requireText(actor, "actor", "acknowledge");
    requireText(reason, "reason", "acknowledge");
    return write(
        "acknowledge",
        true,
        (c, s) -> {
          AuditVerification v = audit.verify(c);
          if (v.ok()) {
            throw new RegistryException(
                "CAL-REG-014",
                "the audit chain of " + dir + " is intact; there is nothing to acknowledge");
          }
          AuditVerification.Finding f = v.first().orElseThrow();
          AuditLog.Content at = c;
          if (c.tornLength() > 0) {
            // bytes no intent names: keep them as a line of their own, frozen by the prefix hash
            audit.sealTornTail();
            at = audit.read();
          }
          Map<String, String> details = new LinkedHashMap<>();
          details.put("problem", f.kind().name());
          details.put("line", Integer.toString(f.line()));
          details.put("message", f.message());
          details.put("prefix_sha256", Hashes.sha256(at.raw(), 0, (int) at.committedLength()));
          AuditLog.Encoded e =
              audit.encode(
                  at.maxSeq() + 1,
                  at.lastHash(),
                  new AuditLog.Draft(
                      AuditEvent.Kind.ACKNOWLEDGED, now(), actor, reason, null, null, details));
          audit.append(e);
          LOG.warn(
              "CAL-REG-007: {} acknowledged a broken audit chain in {}: {}",
              actor,
              dir,
              f.message());
          return e.event();
        });
  }

  // ---------------------------------------------------------------- the state machine

  @Override
  public VersionInfo propose(VersionCandidate candidate, String actor, String reason) {
    Objects.requireNonNull(candidate, "candidate must not be null");
    requireText(actor, "actor", "propose");
    requireText(reason, "reason", "propose");
    ObjectNode config = parseObject(candidate.config(), "the candidate config");
    byte[] proposal = candidate.proposal();
    if (proposal.length > 0) {
      try {
        MAPPER.readTree(proposal);
      } catch (IOException e) {
        throw new RegistryException(
            "CAL-REG-008", "the proposal document is not valid JSON: " + e.getMessage(), e);
      }
    }
    for (String name : candidate.attachments().keySet()) {
      if (!ATTACHMENT.matcher(name).matches() || name.equals(CONFIG) || name.equals(PROPOSAL)) {
        throw new RegistryException(
            "CAL-REG-012",
            "attachment name \""
                + name
                + "\" is not allowed: use a simple file name such as report.md, other than "
                + CONFIG
                + " and "
                + PROPOSAL);
      }
    }
    return write(
        "propose",
        false,
        (c, s) -> {
          Instant now = now();
          String contentSha = Hashes.sha256(candidate.config());
          String id = "cal-" + ID_STAMP.format(now) + "-" + contentSha.substring(0, 6);
          Path versions = dir.resolve(VERSIONS);
          Path vdir = versions.resolve(id);
          if (s.has(id) || Files.exists(vdir)) {
            throw new RegistryException(
                "CAL-REG-010",
                "version id "
                    + id
                    + " is taken: the same config was proposed within the same second");
          }
          ObjectNode stored = config.deepCopy();
          stored.put("version", id);
          byte[] storedBytes = json(stored);
          String sha = Hashes.sha256(storedBytes);
          Path staging = versions.resolve(".tmp-" + id);
          deleteRecursively(staging);
          Files.createDirectories(staging);
          AtomicFiles.write(staging.resolve(CONFIG), storedBytes);
          AtomicFiles.write(
              staging.resolve(PROPOSAL),
              proposal.length == 0 ? "{}\n".getBytes(StandardCharsets.UTF_8) : proposal);
          for (Map.Entry<String, byte[]> a : candidate.attachments().entrySet()) {
            AtomicFiles.write(staging.resolve(a.getKey()), a.getValue());
          }
          Files.move(staging, vdir, StandardCopyOption.ATOMIC_MOVE);
          AtomicFiles.forceDirectory(versions);
          Map<String, String> details = new LinkedHashMap<>();
          details.put("risk", candidate.risk().name());
          details.put("content_sha256", contentSha);
          return appendAndGet(
              c,
              new AuditLog.Draft(AuditEvent.Kind.PROPOSED, now, actor, reason, id, sha, details),
              id);
        });
  }

  @Override
  public VersionInfo validate(String id, String actor) {
    checkedId(id);
    requireText(actor, "actor", "validate");
    return write(
        "validate " + id,
        false,
        (c, s) -> {
          VersionInfo v = require(s, id);
          requireStatus(v, "validate", EnumSet.of(VersionStatus.PROPOSED), "");
          byte[] config = readConfig(v, v.configSha256(), "proposed");
          List<String> problems = validator.problems(config);
          if (!problems.isEmpty()) {
            throw new RegistryException(
                "CAL-REG-008",
                "version "
                    + id
                    + " is invalid ("
                    + problems.size()
                    + " problem"
                    + (problems.size() == 1 ? "" : "s")
                    + "): "
                    + String.join("; ", problems));
          }
          return appendAndGet(
              c,
              new AuditLog.Draft(
                  AuditEvent.Kind.VALIDATED,
                  now(),
                  actor,
                  "validation passed",
                  id,
                  v.configSha256(),
                  Map.of()),
              id);
        });
  }

  @Override
  public VersionInfo approve(String id, String actor, String reason) {
    checkedId(id);
    requireText(actor, "actor", "approve");
    requireText(reason, "reason", "approve");
    return write(
        "approve " + id,
        false,
        (c, s) -> {
          VersionInfo v = require(s, id);
          requireStatus(
              v,
              "approve",
              EnumSet.of(VersionStatus.PENDING_APPROVAL),
              v.status() == VersionStatus.PROPOSED ? " (validate it first)" : "");
          if (v.risk() == ProposalRisk.HIGH) {
            throw new RegistryException(
                "CAL-REG-003",
                "cannot approve "
                    + id
                    + ": it is high risk; a high-risk proposal can only be rejected");
          }
          if (fourEyes && v.proposedBy().trim().equalsIgnoreCase(actor.trim())) {
            throw new RegistryException(
                "CAL-REG-005",
                "cannot approve "
                    + id
                    + ": "
                    + actor
                    + " proposed it, and the four-eyes rule needs a different approver");
          }
          readConfig(v, v.configSha256(), "proposed");
          return appendAndGet(
              c,
              new AuditLog.Draft(
                  AuditEvent.Kind.APPROVED, now(), actor, reason, id, v.configSha256(), Map.of()),
              id);
        });
  }

  @Override
  public VersionInfo reject(String id, String actor, String reason) {
    return simple(
        id,
        actor,
        reason,
        "reject",
        AuditEvent.Kind.REJECTED,
        EnumSet.of(VersionStatus.PROPOSED, VersionStatus.PENDING_APPROVAL, VersionStatus.APPROVED));
  }

  @Override
  public VersionInfo deprecate(String id, String actor, String reason) {
    return simple(
        id,
        actor,
        reason,
        "deprecate",
        AuditEvent.Kind.DEPRECATED,
        EnumSet.of(
            VersionStatus.PROPOSED,
            VersionStatus.PENDING_APPROVAL,
            VersionStatus.APPROVED,
            VersionStatus.SUPERSEDED));
  }

  private VersionInfo simple(
      String id,
      String actor,
      String reason,
      String op,
      AuditEvent.Kind kind,
      Set<VersionStatus> allowed) {
    checkedId(id);
    requireText(actor, "actor", op);
    requireText(reason, "reason", op);
    return write(
        op + " " + id,
        false,
        (c, s) -> {
          VersionInfo v = require(s, id);
          requireStatus(v, op, allowed, "");
          return appendAndGet(
              c,
              new AuditLog.Draft(kind, now(), actor, reason, id, v.configSha256(), Map.of()),
              id);
        });
  }

  @Override
  public VersionInfo activate(String id, String actor, String reason) {
    checkedId(id);
    requireText(actor, "actor", "activate");
    requireText(reason, "reason", "activate");
    return write(
        "activate " + id,
        false,
        (c, s) -> {
          VersionInfo v = require(s, id);
          requireStatus(
              v,
              "activate",
              EnumSet.of(VersionStatus.APPROVED),
              v.status() == VersionStatus.SUPERSEDED ? " (use rollbackTo to return to it)" : "");
          return switchTo(c, s, v, AuditEvent.Kind.ACTIVATED, actor, reason, Map.of());
        });
  }

  @Override
  public VersionInfo rollback(String actor, String reason) {
    requireText(actor, "actor", "rollback");
    requireText(reason, "reason", "rollback");
    return write(
        "rollback",
        false,
        (c, s) -> {
          String previous =
              s.previous()
                  .orElseThrow(
                      () ->
                          new RegistryException(
                              "CAL-REG-011",
                              "nothing to roll back to: "
                                  + s.active()
                                      .map(
                                          a ->
                                              a.id()
                                                  + " is active and no version was active before"
                                                  + " it")
                                      .orElse("no version is active")));
          VersionInfo v = require(s, previous);
          if (v.status() != VersionStatus.SUPERSEDED) {
            throw new RegistryException(
                "CAL-REG-011",
                "cannot roll back to the previous version "
                    + previous
                    + ": it is "
                    + v.status().label()
                    + "; roll back to another version by id");
          }
          return switchTo(
              c, s, v, AuditEvent.Kind.ROLLED_BACK, actor, reason, Map.of("mode", "previous"));
        });
  }

  @Override
  public VersionInfo rollbackTo(String id, String actor, String reason) {
    checkedId(id);
    requireText(actor, "actor", "rollback");
    requireText(reason, "reason", "rollback");
    return write(
        "rollback to " + id,
        false,
        (c, s) -> {
          VersionInfo v = require(s, id);
          requireStatus(
              v, "roll back to", EnumSet.of(VersionStatus.SUPERSEDED, VersionStatus.APPROVED), "");
          return switchTo(
              c, s, v, AuditEvent.Kind.ROLLED_BACK, actor, reason, Map.of("mode", "to"));
        });
  }

  private VersionInfo switchTo(
      AuditLog.Content c,
      RegistryState s,
      VersionInfo v,
      AuditEvent.Kind kind,
      String actor,
      String reason,
      Map<String, String> extra)
      throws IOException {
    byte[] config = readConfig(v, v.configSha256(), "approved");
    List<String> problems = validator.problems(config);
    if (!problems.isEmpty()) {
      throw new RegistryException(
          "CAL-REG-008",
          "version "
              + v.id()
              + " is invalid ("
              + problems.size()
              + " problem"
              + (problems.size() == 1 ? "" : "s")
              + "): "
              + String.join("; ", problems));
    }
    Instant now = now();
    Map<String, String> details = new LinkedHashMap<>(extra);
    details.put("from", s.active().map(VersionInfo::id).orElse("none"));
    AuditLog.Encoded e =
        audit.encode(
            c.lastSeq() + 1,
            c.lastHash(),
            new AuditLog.Draft(kind, now, actor, reason, v.id(), v.configSha256(), details));
    byte[] activeBytes = stamp(config, v.approvedBy().orElse(actor), e.event());
    Path active = dir.resolve(ACTIVE);
    if (Files.exists(active)) {
      AtomicFiles.writeTimestamped(dir.resolve(HISTORY), "active", now, Files.readAllBytes(active));
    }
    AtomicFiles.write(active, activeBytes);
    audit.append(e);
    touchSentinel(v.id());
    List<AuditEvent> events = new ArrayList<>(c.events());
    events.add(e.event());
    return RegistryState.fold(events).version(v.id()).orElseThrow();
  }

  // ---------------------------------------------------------------- reads

  @Override
  public Optional<VersionInfo> version(String id) {
    return state().version(id);
  }

  @Override
  public List<VersionInfo> versions() {
    return state().versions();
  }

  @Override
  public Optional<VersionInfo> active() {
    return state().active();
  }

  @Override
  public Optional<String> activeAt(Instant when) {
    Objects.requireNonNull(when, "when must not be null");
    return state().activeAt(when);
  }

  @Override
  public List<AuditEvent> history() {
    try {
      return audit.read().events();
    } catch (IOException e) {
      throw ioFailure("read the audit log", e);
    }
  }

  private RegistryState state() {
    try {
      return RegistryState.fold(audit.read().events());
    } catch (IOException e) {
      throw ioFailure("read the audit log", e);
    }
  }

  // ---------------------------------------------------------------- writing under the lock

  @FunctionalInterface
  private interface LockedWrite<T> {
    T run(AuditLog.Content content, RegistryState state) throws IOException;
  }

  private <T> T write(String operation, boolean allowBroken, LockedWrite<T> body) {
    try {
      RegistryLock.Held held = lock.acquire(operation);
      try {
        RepairReport report = recoverLocked();
        if (!report.verification().ok() && !allowBroken) {
          throw new RegistryException(
              "CAL-REG-007",
              "registry "
                  + dir
                  + " refuses "
                  + operation
                  + ": "
                  + report.verification().summary()
                  + ". Inspect audit.jsonl, then acknowledge the damage"
                  + " (FileSystemRegistry.acknowledge) to resume writes");
        }
        AuditLog.Content content = audit.read();
        return body.run(content, RegistryState.fold(content.events()));
      } finally {
        held.close();
      }
    } catch (IOException e) {
      throw ioFailure(operation, e);
    }
  }

  private VersionInfo appendAndGet(AuditLog.Content c, AuditLog.Draft d, String id)
      throws IOException {
    AuditLog.Encoded e = audit.encode(c.lastSeq() + 1, c.lastHash(), d);
    audit.append(e);
    List<AuditEvent> events = new ArrayList<>(c.events());
    events.add(e.event());
    return RegistryState.fold(events).version(id).orElseThrow();
  }

  /**
   * Repairs what a crashed writer can leave behind. Called only while holding the lock, so nothing
   * found here belongs to a live writer.
   */
  private RepairReport recoverLocked() throws IOException {
    List<String> repairs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    AuditLog.Content c = audit.read();
    if (audit.intentCoversTornTail(c)) {
      audit.truncate(c.committedLength());
      repairs.add(
          "removed an incomplete last line of "
              + c.tornLength()
              + " bytes from audit.jsonl (the append of seq "
              + (c.lastSeq() + 1)
              + " recorded in audit.intent, cut short by a crash)");
      c = audit.read();
    }
    AuditVerification v = audit.verify(c);
    if (v.repairable()
        && v.findings().stream()
            .allMatch(f -> f.kind() == AuditVerification.Kind.UNANCHORED_TAIL)) {
      audit.writeHead(c.lastSeq(), c.lastHash());
      repairs.add(
          "anchored seq "
              + c.lastSeq()
              + " in audit.head (a crash between the append and the head update)");
      c = audit.read();
      v = audit.verify(c);
    }
    if (v.ok() && c.intentFound()) {
      AuditLog.Intent intent = c.intent();
      audit.removeIntent();
      repairs.add(
          "removed audit.intent"
              + (intent == null ? "" : " (seq " + intent.seq() + ")")
              + ", left by a writer that crashed before finishing its append");
    }
    removeTemporaryFiles(repairs);
    if (v.ok()) {
      RegistryState s = RegistryState.fold(c.events());
      removeOrphanVersions(s, repairs);
      reconcileActive(s, repairs, problems);
    } else {
      problems.add(v.summary());
    }
    for (String r : repairs) {
      LOG.warn("registry {}: repaired: {}", dir, r);
    }
    for (String p : problems) {
      LOG.error("registry {}: CAL-REG-015: {}", dir, p);
    }
    return new RepairReport(repairs, problems, v);
  }

  private void removeTemporaryFiles(List<String> repairs) throws IOException {
    for (Path d : List.of(dir, dir.resolve(HISTORY))) {
      try (Stream<Path> files = Files.list(d)) {
        for (Path p : files.collect(Collectors.toList())) {
          if (Files.isRegularFile(p) && TEMP_FILE.matcher(p.getFileName().toString()).matches()) {
            Files.deleteIfExists(p);
            repairs.add(
                "removed the temporary file " + dir.relativize(p) + " left by a crashed write");
          }
        }
      }
    }
    try (Stream<Path> dirs = Files.list(dir.resolve(VERSIONS))) {
      for (Path p : dirs.collect(Collectors.toList())) {
        if (p.getFileName().toString().startsWith(".tmp-")) {
          deleteRecursively(p);
          repairs.add(
              "removed the unfinished proposal " + dir.relativize(p) + " left by a crashed write");
        }
      }
    }
  }

  private void removeOrphanVersions(RegistryState s, List<String> repairs) throws IOException {
    try (Stream<Path> dirs = Files.list(dir.resolve(VERSIONS))) {
      for (Path p : dirs.collect(Collectors.toList())) {
        String name = p.getFileName().toString();
        if (name.startsWith("cal-") && Files.isDirectory(p) && !s.has(name)) {
          deleteRecursively(p);
          repairs.add(
              "removed "
                  + dir.relativize(p)
                  + ": its proposal was never recorded in the audit log (a crash before the"
                  + " append)");
        }
      }
    }
  }

  /** Makes {@code active.json} agree with the log: the log is the truth. */
  private void reconcileActive(RegistryState s, List<String> repairs, List<String> problems)
      throws IOException {
    Path active = dir.resolve(ACTIVE);
    Optional<VersionInfo> expected = s.active();
    if (expected.isEmpty()) {
      if (Files.exists(active)) {
        Path moved =
            AtomicFiles.writeTimestamped(
                dir.resolve(HISTORY), "unlogged_active", now(), Files.readAllBytes(active));
        Files.delete(active);
        AtomicFiles.forceDirectory(dir);
        repairs.add(
            "moved active.json to "
                + dir.relativize(moved)
                + ": the audit log records no activation (a crash before the append)");
      }
      return;
    }
    VersionInfo v = expected.get();
    AuditEvent activation = s.lastActivation(v.id()).orElseThrow();
    if (Files.exists(active) && stampedWith(active, v.id(), activation)) {
      return;
    }
    byte[] config;
    try {
      config = readConfig(v, v.configSha256(), "approved");
    } catch (RegistryException e) {
      problems.add(
          "active.json does not match the active version "
              + v.id()
              + " and cannot be restored: "
              + e.getMessage());
      return;
    }
    if (Files.exists(active)) {
      AtomicFiles.writeTimestamped(
          dir.resolve(HISTORY), "unlogged_active", now(), Files.readAllBytes(active));
    }
    AtomicFiles.write(active, stamp(config, v.approvedBy().orElse(activation.actor()), activation));
    repairs.add(
        "restored active.json to "
            + v.id()
            + ", the version the audit log says is active (the file held an activation that was"
            + " never recorded)");
  }

  private static boolean stampedWith(Path active, String id, AuditEvent activation) {
    try {
      JsonNode root = MAPPER.readTree(Files.readAllBytes(active));
      if (root == null || !root.isObject()) {
        return false;
      }
      JsonNode head = root.path("audit_head");
      return id.equals(root.path("version").asText())
          && head.path("seq").asLong(-1) == activation.seq()
          && activation.hash().equals(head.path("hash").asText());
    } catch (IOException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- helpers

  private static byte[] stamp(byte[] config, String approvedBy, AuditEvent activation)
      throws IOException {
    JsonNode root = MAPPER.readTree(config);
    if (root == null || !root.isObject()) {
      throw new IOException("config is not a JSON object");
    }
    ObjectNode o = (ObjectNode) root;
    o.put("approved_by", approvedBy);
    ObjectNode head = o.putObject("audit_head");
    head.put("seq", activation.seq());
    head.put("hash", activation.hash());
    return json(o);
  }

  private static byte[] json(JsonNode node) throws IOException {
    byte[] b = MAPPER.writeValueAsBytes(node);
    byte[] out = Arrays.copyOf(b, b.length + 1);
    out[b.length] = '\n';
    return out;
  }

  private static ObjectNode parseObject(byte[] bytes, String what) {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw new RegistryException("CAL-REG-008", what + " is not a JSON object");
      }
      return (ObjectNode) n;
    } catch (IOException e) {
      throw new RegistryException("CAL-REG-008", what + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a version's config and checks it still has the SHA-256 recorded when it was {@code
   * boundAt}.
   */
  private byte[] readConfig(VersionInfo v, String sha, String boundAt) throws IOException {
    Path file = versionDirectory(v.id()).resolve(CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new RegistryException(
          "CAL-REG-004", "the config of " + v.id() + " is missing: " + file);
    }
    byte[] config = Files.readAllBytes(file);
    String actual = Hashes.sha256(config);
    if (!actual.equals(sha)) {
      throw new RegistryException(
          "CAL-REG-004",
          "the config of "
              + v.id()
              + " changed since it was "
              + boundAt
              + ": "
              + file
              + " has SHA-256 "
              + actual
              + " but "
              + sha
              + " was recorded");
    }
    return config;
  }

  private void touchSentinel(String id) {
    Path s = sentinel;
    if (s == null) {
      return;
    }
    try {
      AtomicFiles.write(s, (id + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.warn(
          "CAL-REG-009: activation of {} is recorded, but the sentinel {} could not be written: {}",
          id,
          s,
          e.toString());
    }
  }

  private static VersionInfo require(RegistryState s, String id) {
    return s.version(id)
        .orElseThrow(() -> new RegistryException("CAL-REG-001", "unknown version " + id));
  }

  private static void requireStatus(
      VersionInfo v, String op, Set<VersionStatus> allowed, String hint) {
    if (!allowed.contains(v.status())) {
      throw new RegistryException(
          "CAL-REG-002",
          "cannot "
              + op
              + " "
              + v.id()
              + ": it is "
              + v.status().label()
              + hint
              + "; "
              + op
              + " needs a version that is "
              + allowed.stream().map(VersionStatus::label).collect(Collectors.joining(" or ")));
    }
  }

  private static void requireText(@Nullable String value, String field, String op) {
    if (value == null || value.isBlank()) {
      throw new RegistryException("CAL-REG-012", op + " needs a non-blank " + field);
    }
  }

  private static String checkedId(@Nullable String id) {
    if (id == null || !id.matches("cal-[0-9]{8}-[0-9]{6}-[0-9a-f]{6}")) {
      throw new RegistryException(
          "CAL-REG-001", "unknown version " + id + ": ids look like cal-YYYYMMDD-HHMMSS-3f9a2c");
    }
    return id;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private RegistryException ioFailure(String operation, IOException e) {
    return new RegistryException(
        "CAL-REG-009", operation + " failed in registry " + dir + ": " + e, e);
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path q : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(q);
      }
    }
  }
}
