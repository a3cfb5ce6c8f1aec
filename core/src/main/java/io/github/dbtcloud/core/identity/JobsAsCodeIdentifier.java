package io.github.dbtcloud.core.identity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt-jobs-as-code's identity of a job: {@code [[identifier]]} or {@code [[filter:identifier]]} in
 * the job's name. Its rule, as its job model applies it
 * (https://github.com/dbt-labs/dbt-jobs-as-code/blob/main/src/dbt_jobs_as_code/schemas/job.py,
 * {@code _extract_identifier_from_name}): the first {@code [[...]]} of the name made of letters,
 * digits, {@code _}, {@code -}, {@code *} and {@code :}, with at most one colon. A name whose
 * brackets hold anything else (the plugin's {@code [[key#ab12cd]]}) has no identifier for it, so
 * that tool would create the job again: the plugin keeps this suffix exactly as it is.
 *
 * @param raw the text between the brackets, filter included ({@code prod:nightly})
 * @param identifier the identifier ({@code nightly})
 * @param filter the import filter before the colon, or empty
 * @param atEnd whether the brackets end the name (the only place the plugin writes them)
 */
public record JobsAsCodeIdentifier(String raw, String identifier, String filter, boolean atEnd) {

  private static final Pattern IN_NAME = Pattern.compile("\\[\\[([*:a-zA-Z0-9_-]+)]]");

  /** The identifier dbt-jobs-as-code reads in {@code name}, if any (its rule, see above). */
  public static Optional<JobsAsCodeIdentifier> in(String name) {
    if (name == null) {
      return Optional.empty();
    }
    Matcher m = IN_NAME.matcher(name);
    if (!m.find()) {
      return Optional.empty();
    }
    String raw = m.group(1);
    int colons = raw.length() - raw.replace(":", "").length();
    if (colons > 1) {
      // dbt-jobs-as-code refuses such a name outright
      return Optional.empty();
    }
    boolean atEnd = name.substring(m.end()).isBlank();
    int colon = raw.indexOf(':');
    return Optional.of(
        colon < 0
            ? new JobsAsCodeIdentifier(raw, raw, "", atEnd)
            : new JobsAsCodeIdentifier(
                raw, raw.substring(colon + 1), raw.substring(0, colon), atEnd));
  }

  /** The suffix as written in the name, {@code [[prod:nightly]]}. */
  public String text() {
    return "[[" + raw + "]]";
  }

  /** The suffix dbt-jobs-as-code writes for a job it creates: {@code [[identifier]]}. */
  public static String written(String identifier) {
    return "[[" + identifier + "]]";
  }

  /** Whether dbt-jobs-as-code can read {@code key} back from {@code [[key]]}. */
  public static boolean readable(String key) {
    return key != null && key.matches("[a-zA-Z0-9_-]+");
  }
}
