package dev.calibration.api;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of one {@link ConfigSource#fetch}: a document with an optional tag, no document, or
 * the document the loader already has. Immutable.
 */
public final class ConfigFetch {

  /** What a fetch found. */
  public enum Kind {
    /** The source returned a document. */
    CONTENT,
    /** The source has no document (a missing file, an HTTP 404). */
    MISSING,
    /** The source's document still has the tag the loader gave (an HTTP 304). */
    NOT_MODIFIED
  }

  private static final ConfigFetch MISSING = new ConfigFetch(Kind.MISSING, new byte[0], null);
  private static final ConfigFetch NOT_MODIFIED =
      new ConfigFetch(Kind.NOT_MODIFIED, new byte[0], null);

  private final Kind kind;
  private final byte[] content;
  private final Optional<String> tag;

  private ConfigFetch(Kind kind, byte[] content, @Nullable String tag) {
    this.kind = kind;
    this.content = content;
    this.tag = Optional.ofNullable(tag);
  }

  /** A document without a tag. The bytes are copied. */
  public static ConfigFetch of(byte[] content) {
    return new ConfigFetch(Kind.CONTENT, Checks.notNull(content, "content").clone(), null);
  }

  /**
   * A document with a tag the source can later compare (an HTTP {@code ETag}). The bytes are
   * copied.
   */
  public static ConfigFetch of(byte[] content, String tag) {
    return new ConfigFetch(
        Kind.CONTENT, Checks.notNull(content, "content").clone(), Checks.notBlank(tag, "tag"));
  }

  /** No document at the source. */
  public static ConfigFetch missing() {
    return MISSING;
  }

  /** The document is unchanged since the tag the loader gave. */
  public static ConfigFetch notModified() {
    return NOT_MODIFIED;
  }

  /** What the fetch found. */
  public Kind kind() {
    return kind;
  }

  /** A copy of the document's bytes; empty unless {@link #kind()} is {@code CONTENT}. */
  public byte[] content() {
    return content.clone();
  }

  /** The number of bytes in the document. */
  public int size() {
    return content.length;
  }

  /** The document's tag, if the source gave one. */
  public Optional<String> tag() {
    return tag;
  }

  @Override
  public String toString() {
    return kind == Kind.CONTENT
        ? "ConfigFetch[CONTENT, " + content.length + " bytes" + tag.map(t -> ", " + t).orElse("") + "]"
        : "ConfigFetch[" + kind + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ConfigFetch)) {
      return false;
    }
    ConfigFetch f = (ConfigFetch) o;
    return kind == f.kind && tag.equals(f.tag) && Arrays.equals(content, f.content);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * kind.hashCode() + tag.hashCode()) + Arrays.hashCode(content);
  }
}
