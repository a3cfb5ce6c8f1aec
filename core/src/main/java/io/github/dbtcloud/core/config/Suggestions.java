package io.github.dbtcloud.core.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" hints by edit distance. */
final class Suggestions {

  private Suggestions() {}

  /** The candidate closest to {@code word}, if it is close enough to be a likely typo. */
  static Optional<String> closest(String word, Collection<String> candidates) {
    String lower = word.toLowerCase(java.util.Locale.ROOT);
    if (lower.length() >= 3) {
      for (String c : candidates) {
        String cl = c.toLowerCase(java.util.Locale.ROOT);
        if (cl.startsWith(lower) || lower.startsWith(cl) && cl.length() >= 3) {
          return Optional.of(c);
        }
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d =
          distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int limit = Math.max(2, word.length() / 3);
    return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  /** "did you mean 'x'? " when a candidate is close, else "". */
  static String didYouMean(String word, Collection<String> candidates) {
    return closest(word, candidates).map(s -> "did you mean '" + s + "'? ").orElse("");
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
