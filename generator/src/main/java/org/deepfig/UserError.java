package org.deepfig;

/**
 * A mistake the user can fix: a bad config value, a missing dataset, a corrupt file, a model of the wrong shape.
 * The CLI prints {@link #oneLine()} and exits with code 2; anything else that escapes is a bug (exit code 1).
 *
 * <p>{@code where} names the file (and, when known, {@code :line:column}) the mistake is in; {@code fix} says what
 * to do about it. Both are shown to the user verbatim, so say them in the user's words.
 */
public class UserError extends RuntimeException {
  private final String where;
  private final String fix;

  public UserError(String where, String message, String fix) {
    this(where, message, fix, null);
  }

  public UserError(String where, String message, String fix, Throwable cause) {
    super(message, cause);
    this.where = where;
    this.fix = fix;
  }

  /** The file (optionally {@code file:line:column}) the mistake is in; may be null when no file is involved. */
  public String where() {
    return where;
  }

  /** What the user should do; may be null. */
  public String fix() {
    return fix;
  }

  /** {@code where: message (fix)} on one line, the form the CLI prints. */
  public String oneLine() {
    StringBuilder sb = new StringBuilder();
    if (where != null && !where.isEmpty()) sb.append(where).append(": ");
    sb.append(getMessage().replace('\n', ' '));
    if (fix != null && !fix.isEmpty()) sb.append(" — ").append(fix.replace('\n', ' '));
    return sb.toString();
  }
}
