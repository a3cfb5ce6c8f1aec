package io.github.dbtcloud.core.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object as {@code dbt:import} writes it into the file: the section of its project it goes in
 * ({@code environments}, {@code env_vars}, {@code jobs}), its key there, and its fields in the
 * file's own keys, holding only what differs from dbt Cloud's defaults. Values are YAML-ready:
 * text, numbers, true/false, lists, maps (in order), and {@link Verbatim}. Two entries with the
 * same section and key are one object (a job's overrides join its entry).
 *
 * @param section the project's section
 * @param key the object's key in the section
 * @param fields the file's keys and values, in the order they are written
 * @param comments lines written above the entry (without {@code #}): where it came from
 */
public record Exported(
    String section, String key, Map<String, Object> fields, List<String> comments) {

  public Exported {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    comments = List.copyOf(comments);
  }

  /**
   * Where a secret's value goes: {@code ${env.NAME}}, or {@code ${env.NAME_SCOPE}} when the
   * variable has a value in several places (an environment's, a job's), the scope upper-cased with
   * every other character than a letter or digit as {@code _}. The value itself is never read or
   * written.
   */
  public static Verbatim secret(String name, String scope) {
    String variable =
        scope == null
            ? name
            : name + "_" + scope.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    return new Verbatim("${env." + variable + "}");
  }

  /**
   * Text written exactly as given, never escaped: a {@code ${env.NAME}} placeholder where a
   * secret's value would be.
   *
   * @param text the text
   */
  public record Verbatim(String text) {}
}
