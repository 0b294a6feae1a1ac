package dev.calibration.core.internal.json;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One JSON line that is not a valid prediction record. Carries a stable error code (documented in
 * {@code docs/errors.md}, section CAL-LOG) and, when the problem is in one field, that field's path.
 * The reader adds the file, line and byte offset.
 */
public final class RecordFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The line is not well-formed JSON (syntax error, invalid UTF-8, not an object). */
  public static final String MALFORMED = "CAL-LOG-101";

  /** More content follows the JSON object on the same line. */
  public static final String TRAILING = "CAL-LOG-102";

  /** A required field (id, timestamp) is missing or null. */
  public static final String MISSING = "CAL-LOG-103";

  /** A field has the wrong JSON type, or a value the record cannot hold (a blank id). */
  public static final String WRONG_TYPE = "CAL-LOG-104";

  /** A number is NaN or infinite. */
  public static final String NON_FINITE = "CAL-LOG-105";

  /** The timestamp is not ISO-8601 with a zone. */
  public static final String BAD_TIMESTAMP = "CAL-LOG-108";

  /** The record declares a schema version this reader does not know. */
  public static final String SCHEMA = "CAL-LOG-109";

  private final String code;
  private final @Nullable String field;

  /** A problem with the given code, in {@code field} (null when not in one field). */
  public RecordFormatException(String code, @Nullable String field, String message) {
    super(message);
    this.code = code;
    this.field = field;
  }

  /** The stable error code. */
  public String code() {
    return code;
  }

  /** The path of the field at fault (e.g. {@code values.price}), if the problem is in one field. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
