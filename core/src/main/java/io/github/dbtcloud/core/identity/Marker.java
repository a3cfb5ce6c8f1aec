package io.github.dbtcloud.core.identity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of a managed job without a state file (design §5): {@code [[key]]} or
 * {@code [[namespace/key]]} at the end of the job's description (the default) or name (the form
 * dbt-jobs-as-code writes). A job without one is unmanaged and never touched.
 *
 * @param namespace the owning namespace, or null
 * @param key the job's stable key in the file
 */
public record Marker(String namespace, String key) {

  /** Characters allowed in a key or namespace, so that the marker always reads back the same. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private static final Pattern AT_END =
      Pattern.compile("\\s*\\[\\[(?:(" + NAME.pattern() + ")/)?(" + NAME.pattern() + ")]]\\s*$");

  public Marker {
    if (!NAME.matcher(key).matches()) {
      throw new IllegalArgumentException("job key '" + key + "' cannot be written into a marker; use letters,"
          + " digits, '_', '-' or '.'");
    }
    if (namespace != null && !NAME.matcher(namespace).matches()) {
      throw new IllegalArgumentException("namespace '" + namespace + "' cannot be written into a marker; use"
          + " letters, digits, '_', '-' or '.'");
    }
  }

  /** The marker text, e.g. {@code [[analytics/nightly]]}. */
  public String text() {
    return "[[" + (namespace == null ? "" : namespace + "/") + key + "]]";
  }

  /** The marker at the end of {@code text}, if any. */
  public static Optional<Marker> find(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = AT_END.matcher(text);
    return m.find() ? Optional.of(new Marker(m.group(1), m.group(2))) : Optional.empty();
  }

  /** {@code text} without a trailing marker. */
  public static String strip(String text) {
    return text == null ? "" : AT_END.matcher(text).replaceFirst("");
  }

  /** {@code text} with this marker at its end, replacing any marker already there. */
  public String appendTo(String text) {
    String base = strip(text);
    return base.isEmpty() ? text() : base + " " + text();
  }
}
