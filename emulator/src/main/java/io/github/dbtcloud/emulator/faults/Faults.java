package io.github.dbtcloud.emulator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The fault injector of one emulator: an ordered list of {@link FaultRule}s and an optional {@link
 * RateLimit}. Every rule counts the requests it matches; for each request the first rule that fires
 * wins. Probabilities are drawn from one {@link Random} seeded with {@link #seed}, and counters are
 * per rule, so the same seed and the same request sequence give the same faults, run after run.
 * Thread-safe.
 *
 * <pre>
 * {@code emulator.faults().seed(42).add(FaultRule.on("GET", "/api/**").probability(0.2).then(Fault.status(503)));}
 * </pre>
 */
public final class Faults {

  /** The seed used until {@link #seed} is called. */
  public static final long DEFAULT_SEED = 0L;

  private final Clock clock;
  private final List<Armed> rules = new ArrayList<>();
  private final Deque<Instant> admitted = new ArrayDeque<>();
  private long seed = DEFAULT_SEED;
  private Random random = new Random(DEFAULT_SEED);
  private RateLimit rateLimit;
  private Instant coolingUntil = Instant.MIN;
  private int maxConsecutive;
  private final Map<String, Integer> consecutive = new HashMap<>();

  /** An injector with no rules and no rate limit, whose rate limiter reads {@code clock}. */
  public Faults(Clock clock) {
    this.clock = clock;
  }

  /** What to do with one request. */
  public record Decision(Fault fault, Integer retryAfterSeconds, String name) {

    /** Answer normally. */
    public static final Decision NONE = new Decision(null, null, "");

    /** Whether a fault applies. */
    public boolean faulted() {
      return fault != null;
    }
  }

  private static final class Armed {
    final FaultRule rule;
    long matched;
    long fired;

    Armed(FaultRule rule) {
      this.rule = rule;
    }
  }

  /** Adds a rule after the existing ones. */
  public synchronized Faults add(FaultRule rule) {
    rules.add(new Armed(rule));
    return this;
  }

  /**
   * Makes the rules' faults transient: after {@code n} faulted requests in a row with one method
   * and path, the next one there is answered as if no rule matched (its rules still count and
   * draw). A client that retries more than {@code n} times then always gets through, which is what
   * a test of recovery from passing trouble needs; a fault that lasts is an outage, and tested as
   * one. 0 (the default) sets no bound. The rate limit is not bounded by it.
   */
  public synchronized Faults maxConsecutive(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("maxConsecutive must be 0 (no bound) or more, was " + n);
    }
    maxConsecutive = n;
    consecutive.clear();
    return this;
  }

  /**
   * Removes every rule, the rate limit and the bound on consecutive faults, and restarts the random
   * sequence from the seed.
   */
  public synchronized Faults clear() {
    rules.clear();
    rateLimit = null;
    maxConsecutive = 0;
    consecutive.clear();
    admitted.clear();
    coolingUntil = Instant.MIN;
    random = new Random(seed);
    return this;
  }

  /** Sets the seed and restarts the random sequence and every rule's counters. */
  public synchronized Faults seed(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
    for (Armed a : rules) {
      a.matched = 0;
      a.fired = 0;
    }
    return this;
  }

  /** The current seed. */
  public synchronized long seed() {
    return seed;
  }

  /** The rules, in evaluation order. */
  public synchronized List<FaultRule> rules() {
    return rules.stream().map(a -> a.rule).toList();
  }

  /** Answers 429 above this limit (null removes it). */
  public synchronized Faults rateLimit(RateLimit limit) {
    this.rateLimit = limit;
    admitted.clear();
    coolingUntil = Instant.MIN;
    return this;
  }

  /** The rate limit in force, or null. */
  public synchronized RateLimit rateLimit() {
    return rateLimit;
  }

  /** Decides the fate of one request: the rate limit first, then the rules in order. */
  public synchronized Decision decide(String method, String path) {
    Decision limited = rateLimited();
    if (limited != null) {
      return limited;
    }
    // Every matching rule counts (and draws) on every request, whether or not an earlier rule
    // fires,
    // so "the 2nd matching request" means the same thing however the rules are combined.
    Armed chosen = null;
    for (Armed a : rules) {
      if (!a.rule.matches(method, path)) {
        continue;
      }
      a.matched++;
      boolean fires =
          fires(a.rule.trigger(), a.matched)
              && (a.rule.maxTimes() == 0 || a.fired < a.rule.maxTimes());
      if (fires && chosen == null) {
        chosen = a;
      }
    }
    if (maxConsecutive > 0) {
      String key = method.toUpperCase(Locale.ROOT) + ' ' + path;
      int inARow = consecutive.getOrDefault(key, 0);
      if (chosen == null || inARow >= maxConsecutive) {
        consecutive.remove(key);
        return Decision.NONE;
      }
      consecutive.put(key, inARow + 1);
    }
    if (chosen != null) {
      chosen.fired++;
      Fault f = chosen.rule.fault();
      Integer retryAfter = f instanceof Fault.TooManyRequests t ? t.retryAfterSeconds() : null;
      return new Decision(f, retryAfter, f.name());
    }
    return Decision.NONE;
  }

  private boolean fires(FaultRule.Trigger trigger, long position) {
    if (trigger instanceof FaultRule.Always) {
      return true;
    }
    if (trigger instanceof FaultRule.Nth n) {
      return n.positions().contains((int) Math.min(position, Integer.MAX_VALUE));
    }
    if (trigger instanceof FaultRule.EveryNth e) {
      return position % e.n() == 0;
    }
    if (trigger instanceof FaultRule.Probability p) {
      return random.nextDouble() < p.p();
    }
    throw new IllegalStateException("unknown trigger " + trigger);
  }

  private Decision rateLimited() {
    if (rateLimit == null) {
      return null;
    }
    Instant now = clock.instant();
    Instant windowStart = now.minus(Duration.ofMinutes(1));
    while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(windowStart)) {
      admitted.removeFirst();
    }
    if (now.isBefore(coolingUntil)) {
      return limitedUntil(coolingUntil, now);
    }
    if (admitted.size() >= rateLimit.requestsPerMinute()) {
      if (!rateLimit.cooldown().isZero()) {
        coolingUntil = now.plus(rateLimit.cooldown());
        return limitedUntil(coolingUntil, now);
      }
      return limitedUntil(admitted.peekFirst().plus(Duration.ofMinutes(1)), now);
    }
    admitted.addLast(now);
    return null;
  }

  private Decision limitedUntil(Instant free, Instant now) {
    Integer retryAfter = null;
    if (rateLimit.retryAfter()) {
      long millis = Duration.between(now, free).toMillis();
      retryAfter = (int) Math.max(1, (millis + 999) / 1000);
    }
    return new Decision(new Fault.TooManyRequests(retryAfter), retryAfter, "rate_limited");
  }

  /**
   * Configures this injector from a seed file's {@code faults:} section (see docs/emulator.md):
   * {@code seed}, {@code rate_limit {requests_per_minute, retry_after, cooldown_seconds}}, {@code
   * max_consecutive} and {@code rules [{method, path, nth | every_nth | probability | always,
   * times, fault}]}.
   */
  public synchronized Faults configure(JsonNode section) {
    if (section == null || section.isMissingNode() || section.isNull()) {
      return this;
    }
    if (section.has("seed")) {
      seed(section.get("seed").asLong());
    }
    JsonNode limit = section.path("rate_limit");
    if (limit.isObject()) {
      rateLimit(
          new RateLimit(
              limit.path("requests_per_minute").asInt(RateLimit.PRODUCTION_REQUESTS_PER_MINUTE),
              limit.path("retry_after").asBoolean(false),
              Duration.ofSeconds(limit.path("cooldown_seconds").asLong(0))));
    }
    JsonNode bound = section.path("max_consecutive");
    if (!bound.isMissingNode()) {
      if (!bound.isIntegralNumber() || !bound.canConvertToInt() || bound.asInt() < 0) {
        throw new IllegalArgumentException(
            "faults.max_consecutive: "
                + bound
                + " is not a bound; write a whole number, 0 for none or the faults allowed in a row");
      }
      maxConsecutive(bound.asInt());
    }
    int index = 0;
    for (JsonNode r : section.path("rules")) {
      add(FaultSeeds.rule(r, index++));
    }
    return this;
  }
}
