package io.github.dbtcloud.emulator.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * When to inject which {@link Fault}: requests with this method (or {@code *}) whose path matches a
 * glob ({@code *} one path segment, {@code **} any number; the trailing slash does not matter), on
 * a {@link Trigger} counted over the requests this rule matches, at most {@code maxTimes} times (0:
 * no limit). Build one with {@link #on}:
 *
 * <pre>
 * {@code FaultRule.on("POST", "/api/v2/accounts/*}{@code /jobs/").nth(1).then(Fault.commitThenFail())}
 * </pre>
 *
 * @param method HTTP method, or {@code *} for any
 * @param pathGlob the path pattern
 * @param trigger which matching requests the fault hits
 * @param fault what happens to them
 * @param maxTimes how many times at most the rule fires; 0 for no limit
 */
public record FaultRule(
    String method, String pathGlob, Trigger trigger, Fault fault, int maxTimes) {

  public FaultRule {
    method = method.toUpperCase(Locale.ROOT);
    if (maxTimes < 0) {
      throw new IllegalArgumentException("maxTimes must be >= 0, was " + maxTimes);
    }
  }

  /** Which of the requests a rule matches it fires on. */
  public sealed interface Trigger permits Always, Nth, EveryNth, Probability {}

  /** Every matching request. */
  public record Always() implements Trigger {}

  /** The listed 1-based positions among matching requests, e.g. the 1st and the 3rd. */
  public record Nth(Set<Integer> positions) implements Trigger {
    public Nth {
      positions = Set.copyOf(new TreeSet<>(positions));
      if (positions.isEmpty() || positions.stream().anyMatch(p -> p < 1)) {
        throw new IllegalArgumentException("nth positions are 1-based: " + positions);
      }
    }
  }

  /** Every n-th matching request (the n-th, 2n-th, ...). */
  public record EveryNth(int n) implements Trigger {
    public EveryNth {
      if (n < 1) {
        throw new IllegalArgumentException("every n-th needs n >= 1, was " + n);
      }
    }
  }

  /** Each matching request with this probability, drawn from the fault seed (so runs replay). */
  public record Probability(double p) implements Trigger {
    public Probability {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability must be within [0, 1], was " + p);
      }
    }
  }

  /**
   * Starts a rule for requests with {@code method} ({@code *} for any) on paths matching {@code
   * pathGlob}.
   */
  public static Builder on(String method, String pathGlob) {
    return new Builder(method, pathGlob);
  }

  /** Starts a rule for every request. */
  public static Builder any() {
    return new Builder("*", "/**");
  }

  /** Whether the rule looks at this request at all. */
  public boolean matches(String requestMethod, String path) {
    return (method.equals("*") || method.equalsIgnoreCase(requestMethod))
        && regex(pathGlob).matcher(trim(path)).matches();
  }

  private static Pattern regex(String glob) {
    StringBuilder re = new StringBuilder();
    String g = trim(glob);
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  private static String trim(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** Fluent construction of a {@link FaultRule}. */
  public static final class Builder {
    private final String method;
    private final String pathGlob;
    private Trigger trigger = new Always();
    private int maxTimes;

    private Builder(String method, String pathGlob) {
      this.method = method;
      this.pathGlob = pathGlob;
    }

    /** Fires on every matching request (the default). */
    public Builder always() {
      this.trigger = new Always();
      return this;
    }

    /** Fires on these 1-based positions among matching requests. */
    public Builder nth(int... positions) {
      List<Integer> list = new ArrayList<>();
      for (int p : positions) {
        list.add(p);
      }
      this.trigger = new Nth(Set.copyOf(list));
      return this;
    }

    /** Fires on every n-th matching request. */
    public Builder everyNth(int n) {
      this.trigger = new EveryNth(n);
      return this;
    }

    /** Fires on each matching request with probability {@code p}, from the fault seed. */
    public Builder probability(double p) {
      this.trigger = new Probability(p);
      return this;
    }

    /** Fires at most {@code n} times. */
    public Builder times(int n) {
      this.maxTimes = n;
      return this;
    }

    /** Completes the rule. */
    public FaultRule then(Fault fault) {
      return new FaultRule(method, pathGlob, trigger, fault, maxTimes);
    }
  }
}
