package io.github.dbtcloud.core.importer;

import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.resource.Named;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Stable, unique keys derived from names: lower case, every run of other characters than letters
 * and digits as one {@code _} ({@code "Nightly build"} is {@code nightly_build}), so that every key
 * is also a valid marker. A key an object already carries (its marker) is kept and claimed first;
 * names that give the same key get {@code _2}, {@code _3}... in listing order; a name that gives
 * nothing, or a reserved word, gets the kind's word.
 */
final class KeyNames {

  /**
   * Keys the format gives a meaning of its own: {@code project} in env_vars, {@code self} in
   * defer_to.
   */
  private static final Set<String> RESERVED = Set.of("project", "self");

  private KeyNames() {}

  /** The key derived from a name, or null when the name has no letter or digit. */
  static String slug(String name) {
    if (name == null) {
      return null;
    }
    String s =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return s.isEmpty() ? null : s;
  }

  /** Keys by id, for objects of one kind in one scope. */
  static Map<Long, String> assign(String kind, List<Named> objects) {
    Map<Long, String> out = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (Named n : objects) {
      if (n.key() != null && Marker.NAME.matcher(n.key()).matches() && taken.add(n.key())) {
        out.put(n.id(), n.key());
      }
    }
    for (Named n : objects) {
      if (out.containsKey(n.id())) {
        continue;
      }
      String base = slug(n.name());
      if (base == null) {
        base = kind + "_" + n.id();
      } else if (RESERVED.contains(base)) {
        base = base + "_" + kind;
      }
      String key = base;
      for (int i = 2; !taken.add(key); i++) {
        key = base + "_" + i;
      }
      out.put(n.id(), key);
    }
    return out;
  }
}
