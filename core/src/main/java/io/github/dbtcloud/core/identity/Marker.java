package io.github.dbtcloud.core.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of a managed job without a state file (docs/plan.md#identity-markers): {@code
 * [[key]]} or {@code [[namespace/key]]} at the end of the job's description (the default) or name
 * (the form dbt-jobs-as-code writes), optionally with a short fingerprint of the configuration last
 * applied, {@code [[namespace/key#ab12cd]]}, so that a plan can tell a change made in dbt Cloud by
 * hand from a change made in the file. Markers written before fingerprints existed read as before.
 * A job whose file entry says {@code protect: true} carries {@code protected} in its marker ({@code
 * [[nightly#ab12cd protected]]}), so that the protection holds even once the job has left the file:
 * pruning refuses to destroy it.
 *
 * <p>dbt-jobs-as-code's identifiers read as markers too, so that a team moving from it adopts its
 * jobs instead of creating them again: {@code Nightly [[nightly]]} is already this form, and {@code
 * Nightly [[prod:nightly]]} (an import filter before the colon, {@code *} for every environment) is
 * the marker {@code [[nightly]]}. Such an identifier is never rewritten into this class's form: a
 * name that carries one keeps it as it is ({@link JobsAsCodeIdentifier}), and a job of a
 * dbt-jobs-as-code file is written with that tool's {@code [[key]]} alone.
 *
 * @param namespace the owning namespace, or null
 * @param key the job's stable key in the file
 * @param fingerprint six hex digits of the last applied configuration, or null
 * @param protect the file forbade destroying this job when it was last applied
 */
public record Marker(String namespace, String key, String fingerprint, boolean protect) {

  /** Characters allowed in a key or namespace, so that the marker always reads back the same. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  /** The fingerprint's form: six lower-case hex digits. */
  public static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{6}");

  /** The word that marks a protected job. */
  public static final String PROTECTED = "protected";

  static final Pattern AT_END =
      Pattern.compile(
          "\\s*\\[\\[(?:("
              + NAME.pattern()
              + ")/)?("
              + NAME.pattern()
              + ")(?:#("
              + FINGERPRINT.pattern()
              + "))?( "
              + PROTECTED
              + ")?]]\\s*$");

  /** dbt-jobs-as-code's {@code [[filter:identifier]]}: its characters, one colon (its own rule). */
  static final Pattern JOBS_AS_CODE_AT_END =
      Pattern.compile("\\s*\\[\\[[*A-Za-z0-9_-]*:([A-Za-z0-9_-]+)]]\\s*$");

  public Marker {
    if (key == null || !isName(key)) {
      throw new IllegalArgumentException(
          "job key '"
              + key
              + "' cannot be written into a marker; use letters,"
              + " digits, '_', '-' or '.'");
    }
    if (namespace != null && !isName(namespace)) {
      throw new IllegalArgumentException(
          "namespace '"
              + namespace
              + "' cannot be written into a marker; use"
              + " letters, digits, '_', '-' or '.'");
    }
    if (fingerprint != null && !isFingerprint(fingerprint)) {
      throw new IllegalArgumentException(
          "fingerprint '" + fingerprint + "' is not six lower-case hex digits");
    }
  }

  /** Whether {@code text} matches {@link #NAME}: checked for every job read, without a matcher. */
  static boolean isName(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '.'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text} matches {@link #FINGERPRINT}. */
  static boolean isFingerprint(String text) {
    if (text.length() != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code text} can end with a marker, as both patterns' {@code ]]\s*$} read it: {@code
   * ]]}, then only regex whitespace, then at most one line terminator (where {@code $} also
   * matches). False means neither pattern can match, so the search over the whole text, a regex
   * attempt at every position, is skipped for texts without a marker: most descriptions and names.
   */
  static boolean mayEndWithMarker(String text) {
    int end = text.length();
    if (end > 0) {
      char last = text.charAt(end - 1);
      if (last == '\u0085' || last == '\u2028' || last == '\u2029') {
        end--;
      }
    }
    while (end > 0 && isRegexSpace(text.charAt(end - 1))) {
      end--;
    }
    return end >= 2 && text.charAt(end - 1) == ']' && text.charAt(end - 2) == ']';
  }

  /**
   * Where a search for a marker at the end of {@code text} can start, or -1 when there is none: the
   * whitespace before its last {@code [[}. Neither pattern's marker holds a {@code [}, so a match
   * opens at that last {@code [[} and starts at the whitespace before it, which is where the search
   * over the whole text would find it first; searching from there finds the same match without a
   * regex attempt at every earlier position.
   */
  static int searchFrom(String text) {
    if (!mayEndWithMarker(text)) {
      return -1;
    }
    int open = text.lastIndexOf("[[");
    if (open < 0) {
      return -1;
    }
    int from = open;
    while (from > 0 && isRegexSpace(text.charAt(from - 1))) {
      from--;
    }
    return from;
  }

  /** Java's {@code \s} without UNICODE_CHARACTER_CLASS: {@code [ \t\n\x0B\f\r]}. */
  public static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** A marker without fingerprint. */
  public Marker(String namespace, String key) {
    this(namespace, key, null, false);
  }

  /** An unprotected marker. */
  public Marker(String namespace, String key, String fingerprint) {
    this(namespace, key, fingerprint, false);
  }

  /** The marker text, e.g. {@code [[analytics/nightly#ab12cd]]}. */
  public String text() {
    return "[["
        + (namespace == null ? "" : namespace + "/")
        + key
        + (fingerprint == null ? "" : "#" + fingerprint)
        + (protect ? " " + PROTECTED : "")
        + "]]";
  }

  /** This marker carrying another fingerprint (or none). */
  public Marker withFingerprint(String fingerprint) {
    return new Marker(namespace, key, fingerprint, protect);
  }

  /** This marker, protected or not. */
  public Marker withProtect(boolean protect) {
    return new Marker(namespace, key, fingerprint, protect);
  }

  /** Whether both name the same job of the same namespace, whatever their fingerprints. */
  public boolean sameIdentity(Marker other) {
    return other != null && Objects.equals(namespace, other.namespace) && key.equals(other.key);
  }

  /** The marker at the end of {@code text} (this form or dbt-jobs-as-code's), if any. */
  public static Optional<Marker> find(String text) {
    int from = text == null ? -1 : searchFrom(text);
    if (from < 0) {
      return Optional.empty();
    }
    Matcher m = AT_END.matcher(text).region(from, text.length());
    if (m.find()) {
      return Optional.of(new Marker(m.group(1), m.group(2), m.group(3), m.group(4) != null));
    }
    Matcher jobsAsCode = JOBS_AS_CODE_AT_END.matcher(text).region(from, text.length());
    return jobsAsCode.find()
        ? Optional.of(new Marker(null, jobsAsCode.group(1)))
        : Optional.empty();
  }

  /** The marker of a job: at the end of its description, else at the end of its name. */
  public static Optional<Marker> findIn(String description, String name) {
    return find(description).or(() -> find(name));
  }

  /** {@code text} without a trailing marker (this form or dbt-jobs-as-code's). */
  public static String strip(String text) {
    if (text == null) {
      return "";
    }
    int from = searchFrom(text);
    if (from < 0) {
      return text;
    }
    Matcher m = AT_END.matcher(text).region(from, text.length());
    if (!m.find()) {
      m = JOBS_AS_CODE_AT_END.matcher(text).region(from, text.length());
      if (!m.find()) {
        return text;
      }
    }
    return text.substring(0, m.start()) + text.substring(m.end());
  }

  /** {@code text} with this marker at its end, replacing any marker already there. */
  public String appendTo(String text) {
    String base = strip(text);
    return base.isEmpty() ? text() : base + " " + text();
  }
}
