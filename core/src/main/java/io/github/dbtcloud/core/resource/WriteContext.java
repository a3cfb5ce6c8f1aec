package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.api.WireObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What kinds write changes with, shared by every change of one apply: the Admin API (one rate
 * limiter and request count, whatever the parallelism), the ids of the objects created so far, and
 * the one way a create is sent: once. When a create's answer is lost (no answer, a timeout or a
 * 5xx) dbt Cloud may have committed it, so the object is looked for again and adopted when found;
 * only a 429, which dbt Cloud answers before doing anything, sends it again.
 */
public final class WriteContext {

  /** Waits before a create refused with 429 is sent again (dbt Cloud did nothing with it). */
  public static final List<Duration> RATE_LIMITED_WAITS =
      List.of(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(15));

  private final WireApi api;
  private final long accountId;
  private final Sleeper sleeper;
  private final Map<ResourceAddress, Long> created = new ConcurrentHashMap<>();

  /**
   * @param api the account's Admin API
   * @param accountId the account
   * @param sleeper how to wait before sending a rate-limited create again
   */
  public WriteContext(WireApi api, long accountId, Sleeper sleeper) {
    this.api = api;
    this.accountId = accountId;
    this.sleeper = sleeper;
  }

  /** The Admin API. */
  public WireApi api() {
    return api;
  }

  /** The account written to. */
  public long accountId() {
    return accountId;
  }

  /** Records the id of an object this apply created, for the changes that wait for it. */
  public void created(ResourceAddress address, Long id) {
    if (id != null) {
      created.put(address, id);
    }
  }

  /**
   * The body with the ids of objects created earlier in this apply filled in (a reference to the
   * change's own object is left to the kind: it is only known after the create).
   */
  @SuppressWarnings("unchecked")
  public <W extends WireObject> W resolve(
      W body, List<PendingReference> pending, ResourceAddress self) {
    WireObject out = body;
    for (PendingReference p : pending) {
      if (p.target().equals(self)) {
        continue;
      }
      Long id = created.get(p.target());
      if (id == null) {
        throw new IllegalStateException(
            p.target() + " was not created before " + self + " needed its id");
      }
      out = out.with(p.path(), id);
    }
    return (W) out;
  }

  /**
   * What a create sent: the object and, when it had to be found again after a lost answer, what
   * happened to that answer.
   *
   * @param object the created object
   * @param adoptedAfter null when dbt Cloud answered, else what became of its answer
   */
  public record Sent<T>(T object, String adoptedAfter) {

    /** {@code created (id 12)}, saying when the object was found again after a lost answer. */
    public String detail(Long id) {
      String ids = id == null ? "" : " (id " + id + ")";
      return adoptedAfter == null
          ? "created" + ids
          : "created"
              + ids
              + "; dbt Cloud's answer was lost ("
              + adoptedAfter
              + ") but the create had been committed, so the object was found and adopted";
    }
  }

  /**
   * Sends a create once; when its answer is lost, looks for the object and adopts it.
   *
   * @param send the create
   * @param find looks for the object the create would have made
   * @param what the object, for messages ({@code job carrying [[nightly]]})
   * @param howLooked how it was looked for ({@code the project's jobs were listed again})
   */
  public <T> Sent<T> sendOnce(
      Supplier<T> send, Supplier<Optional<T>> find, String what, String howLooked)
      throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        return new Sent<>(send.get(), null);
      } catch (DbtCloudApiException e) {
        if (e.status() == 429 && attempt < RATE_LIMITED_WAITS.size()) {
          sleeper.sleep(RATE_LIMITED_WAITS.get(attempt));
          continue;
        }
        if (!mayHaveBeenCommitted(e)) {
          throw e;
        }
        String lost =
            e.answered()
                ? "HTTP " + e.status() + " to " + e.method() + " " + e.path()
                : "no answer to " + e.method() + " " + e.path() + ": " + e.userMessage();
        Optional<T> found;
        try {
          found = find.get();
        } catch (RuntimeException again) {
          throw new DbtCloudException(
              describe(e)
                  + " A create that gets no proper answer may have been committed"
                  + " anyway, and checking for it failed too ("
                  + again.getMessage()
                  + "), so the "
                  + what
                  + " may exist now. Run dbt:plan before applying again: it finds it and never"
                  + " creates it twice.",
              e);
        }
        if (found.isPresent()) {
          return new Sent<>(found.get(), lost);
        }
        throw new DbtCloudException(
            describe(e)
                + " A create that gets no proper answer may have been committed"
                + " anyway, so "
                + howLooked
                + ": there is no "
                + what
                + ", so it was not created. Apply again to create it.",
            e);
      }
    }
  }

  /**
   * No answer, a timeout, a server error, or an answer that could not be used (a proxy's page, a
   * lying envelope): dbt Cloud may have done it. A 4xx is a refusal.
   */
  public static boolean mayHaveBeenCommitted(DbtCloudApiException e) {
    return !e.answered()
        || e.status() == 408
        || e.status() >= 500
        || e instanceof io.github.dbtcloud.core.api.MalformedAnswerException;
  }

  /** The one object found, refusing more than one (a create must never have made two). */
  public static <T> Optional<T> single(List<T> found, String what) {
    if (found.size() > 1) {
      throw new DbtCloudException(
          "dbt Cloud now holds " + found.size() + " " + what + "; remove the extra one(s)");
    }
    return found.stream().findFirst();
  }

  /** Reads an object again before an update, turning a 404 into "deleted since the plan". */
  public static <T> T current(Change change, Supplier<T> read) {
    try {
      return read.get();
    } catch (DbtCloudApiException e) {
      if (e.status() == 404) {
        throw gone(change);
      }
      throw e;
    }
  }

  /** The object of an update no longer exists. */
  public static DbtCloudException gone(Change change) {
    return new DbtCloudException(
        change.address()
            + (change.id() == null ? "" : " (id " + change.id() + ")")
            + " no longer exists in dbt Cloud: it was deleted since the plan was made."
            + " Apply again: the new plan creates it.");
  }

  private static String describe(DbtCloudApiException e) {
    return e.answered()
        ? "dbt Cloud answered HTTP "
            + e.status()
            + " to "
            + e.method()
            + " "
            + e.path()
            + " ("
            + e.userMessage()
            + ")."
        : "No answer from dbt Cloud to "
            + e.method()
            + " "
            + e.path()
            + " ("
            + e.userMessage()
            + ").";
  }
}
