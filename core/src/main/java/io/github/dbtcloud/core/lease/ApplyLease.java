package io.github.dbtcloud.core.lease;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.api.WireApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The leases one apply holds, one per project it writes to: taken in project id order before the
 * first read of the plan (so two applies never deadlock and the second plans what the first did),
 * renewed by a daemon thread while held, and released by {@link #close()}, also on failure and
 * Ctrl-C.
 *
 * <p>Taking one is a single create of the lease variable, which dbt Cloud refuses when the variable
 * exists: of two applies asking at once, exactly one gets it. An expired lease (its holder was
 * killed) is deleted by the id of the value that was read, then created again, so that of two
 * applies taking over the same expired lease one deletes it and the other's delete finds nothing;
 * both then race on the create, which only one wins.
 */
public final class ApplyLease implements AutoCloseable {

  /** Create attempts without a clear answer before giving up on one project. */
  private static final int MAX_UNCLEAR_CREATES = 5;

  private final List<Held> held;
  private final Console console;
  private final Clock clock;
  private final Duration expiry;
  private ScheduledExecutorService renewer;
  private final AtomicBoolean released = new AtomicBoolean();

  private record Held(LeaseApi api, long valueId, LeaseHolder holder) {}

  private ApplyLease(List<Held> held, Console console, Clock clock, Duration expiry) {
    this.held = held;
    this.console = console;
    this.clock = clock;
    this.expiry = expiry;
  }

  /** Holds nothing ({@code dbt.lock = false}, or nothing to write). */
  public static ApplyLease none() {
    return new ApplyLease(List.of(), Console.silent(), Clock.systemUTC(), Duration.ofMinutes(1));
  }

  /**
   * Takes the lease of every project in {@code projectIds}, waiting up to the settings' timeout for
   * each, and starts renewing them.
   *
   * @param holder who this apply is (its {@code until} is replaced)
   * @throws LeaseHeldException when another apply held one for longer than the timeout
   */
  public static ApplyLease acquire(
      WireApi api,
      long accountId,
      List<Long> projectIds,
      LeaseSettings settings,
      LeaseHolder holder,
      Console console,
      Sleeper sleeper,
      Clock clock)
      throws InterruptedException {
    List<Held> held = new ArrayList<>();
    ApplyLease lease = new ApplyLease(held, console, clock, settings.expiry());
    try {
      for (long projectId : new TreeSet<>(projectIds)) {
        held.add(
            take(
                new LeaseApi(api, accountId, projectId),
                settings,
                holder,
                console,
                sleeper,
                clock));
      }
    } catch (RuntimeException | InterruptedException e) {
      lease.close();
      throw e;
    }
    lease.startRenewing(settings.renewEvery());
    return lease;
  }

  private static Held take(
      LeaseApi api,
      LeaseSettings settings,
      LeaseHolder holder,
      Console console,
      Sleeper sleeper,
      Clock clock)
      throws InterruptedException {
    Instant start = clock.instant();
    Instant nextLine = start;
    int unclear = 0;
    while (true) {
      Instant now = clock.instant();
      LeaseHolder mine = holder.until(now.plus(settings.expiry()));
      Optional<LeaseApi.Found> found = api.read();
      if (found.isEmpty()) {
        try {
          api.create(mine.value());
          Optional<LeaseApi.Found> made = api.read();
          if (made.isPresent() && isMine(made.get(), holder)) {
            return new Held(api, made.get().valueId(), mine);
          }
          // deleted at once by someone else (dbt:unlock): take it again
          continue;
        } catch (DbtCloudApiException e) {
          // a refusal (another apply created it first), or a lost answer: look at what is there
          Optional<LeaseApi.Found> now2 = api.read();
          if (now2.isPresent() && isMine(now2.get(), holder)) {
            return new Held(api, now2.get().valueId(), mine);
          }
          if (now2.isEmpty()) {
            boolean refused =
                e.answered() && e.status() != 429 && e.status() < 500 && e.status() != 408;
            // Refused with nothing there: not allowed (401, 403), or another apply's lease was
            // created and already released between this create and the read (400, the name
            // exists). Only a refusal that keeps coming is the token's.
            boolean forbidden = e.status() == 401 || e.status() == 403;
            if (refused && (forbidden || ++unclear >= MAX_UNCLEAR_CREATES)) {
              throw new DbtCloudException(
                  "Could not take the apply lease, "
                      + api.where()
                      + ": dbt Cloud answered HTTP "
                      + e.status()
                      + " to "
                      + e.method()
                      + " "
                      + e.path()
                      + " ("
                      + e.userMessage()
                      + "). The token needs permission to write environment variables of"
                      + " the project; or run with -Ddbt.lock=false to apply without a lease.",
                  e);
            }
            if (!refused && ++unclear >= MAX_UNCLEAR_CREATES) {
              throw e;
            }
            continue;
          }
          found = now2;
        }
      }
      LeaseApi.Found other = found.orElseThrow();
      if (isMine(other, holder)) {
        return new Held(api, other.valueId(), mine);
      }
      Optional<LeaseHolder> who = other.holder();
      now = clock.instant();
      if (who.isPresent() && who.get().expiredAt(now)) {
        console.warn(
            "Taking over an expired apply lease, "
                + api.where()
                + ": it was held by "
                + who.get().describe()
                + ". That apply stopped without releasing it (killed, or it lost its connection);"
                + " what it did is read again by this apply's plan.");
        api.delete(other.valueId());
        continue;
      }
      String holderText =
          who.map(LeaseHolder::describe)
              .orElse("someone who wrote the value \"" + other.value() + "\" (never expires)");
      Duration waited = Duration.between(start, now);
      if (!now.isBefore(nextLine)) {
        console.info(
            "Waiting for the apply lease of project "
                + api.projectId()
                + ": held by "
                + holderText
                + "; waited "
                + Durations.format(waited)
                + " of "
                + Durations.format(settings.timeout())
                + " (dbt.lockTimeout).");
        nextLine = now.plus(LeaseSettings.WAIT_LINE_EVERY);
      }
      if (waited.compareTo(settings.timeout()) >= 0) {
        throw new LeaseHeldException(
            "Another apply holds the lease of project "
                + api.projectId()
                + ": "
                + holderText
                + "; waited "
                + Durations.format(waited)
                + " (dbt.lockTimeout = "
                + Durations.format(settings.timeout())
                + "). The lease is the "
                + api.where()
                + ". Fix: let that apply finish and run this one again, or raise"
                + " -Ddbt.lockTimeout; if no apply is running (its build was killed), run"
                + " 'mvn dbt:unlock' to clear the lease, or wait until it expires.");
      }
      sleeper.sleep(settings.poll());
    }
  }

  private static boolean isMine(LeaseApi.Found found, LeaseHolder holder) {
    return found.holder().map(h -> h.id().equals(holder.id())).orElse(false);
  }

  /** How many projects' leases this holds. */
  public int projects() {
    return held.size();
  }

  /**
   * Deletes the lease of {@code projectId} when it has expired (an apply killed outright left it
   * behind), saying whose it was, so that an apply with nothing to do still leaves the project
   * clean; a live lease is another apply's and is left alone. Deleted by the id read, so of two
   * applies clearing or taking it over at once, only one deletes it. A failure is a warning: it
   * expires anyway, and the next apply with changes takes it over.
   *
   * @return whether a lease was cleared
   */
  public static boolean clearExpired(
      WireApi api, long accountId, long projectId, Clock clock, Console console) {
    LeaseApi lease = new LeaseApi(api, accountId, projectId);
    try {
      Optional<LeaseApi.Found> found = lease.read();
      Optional<LeaseHolder> who = found.flatMap(LeaseApi.Found::holder);
      if (who.isEmpty() || !who.get().expiredAt(clock.instant())) {
        return false;
      }
      console.warn(
          "Clearing an expired apply lease, "
              + lease.where()
              + ": it was held by "
              + who.get().describe()
              + ". That apply stopped without releasing it (killed, or it lost its connection);"
              + " this apply found nothing to do.");
      return lease.delete(found.get().valueId());
    } catch (RuntimeException e) {
      console.warn(
          "Could not clear the expired apply lease, "
              + lease.where()
              + " ("
              + e.getMessage()
              + "); the next apply with changes takes it over, or 'mvn dbt:unlock' clears it.");
      return false;
    }
  }

  /**
   * Clears the lease of {@code projectId} whoever holds it ({@code dbt:unlock}).
   *
   * @return who held it, or empty when there was none
   */
  public static Optional<String> clear(WireApi api, long accountId, long projectId) {
    LeaseApi lease = new LeaseApi(api, accountId, projectId);
    Optional<LeaseApi.Found> found = lease.read();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    lease.delete(found.get().valueId());
    return Optional.of(
        found
            .get()
            .holder()
            .map(LeaseHolder::describe)
            .orElse("the value \"" + found.get().value() + "\""));
  }

  private synchronized void startRenewing(Duration every) {
    if (held.isEmpty() || released.get()) {
      return;
    }
    renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dbt-lease-renewer");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(1, every.toMillis());
    renewer.scheduleWithFixedDelay(this::renew, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void renew() {
    for (int i = 0; i < held.size(); i++) {
      Held h = held.get(i);
      if (released.get()) {
        return;
      }
      try {
        Optional<LeaseApi.Found> now = h.api().read();
        if (now.isEmpty() || now.get().valueId() != h.valueId()) {
          console.warn(
              "The apply lease, "
                  + h.api().where()
                  + ", is no longer this apply's"
                  + now.flatMap(LeaseApi.Found::holder)
                      .map(o -> ": it is held by " + o.describe())
                      .orElse(": it was deleted (dbt:unlock?)")
                  + ". Another apply may now write to the project at the same time; plan"
                  + " again after this one.");
          continue;
        }
        LeaseHolder later = h.holder().until(clock.instant().plus(expiry));
        h.api().renew(h.valueId(), later.value());
      } catch (RuntimeException e) {
        console.warn(
            "Could not renew the apply lease, "
                + h.api().where()
                + " ("
                + e.getMessage()
                + "); trying again shortly.");
      }
    }
  }

  /** Stops renewing and deletes this apply's leases; a failure is a warning, never an error. */
  @Override
  public void close() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      if (renewer != null) {
        renewer.shutdownNow();
      }
    }
    for (Held h : held) {
      try {
        Optional<LeaseApi.Found> now = h.api().read();
        if (now.isPresent() && now.get().valueId() == h.valueId()) {
          h.api().delete(h.valueId());
        }
      } catch (RuntimeException e) {
        console.warn(
            "Could not release the apply lease, "
                + h.api().where()
                + " ("
                + e.getMessage()
                + "). It expires by itself at "
                + h.holder().until()
                + " plus at most "
                + Durations.format(expiry)
                + "; 'mvn dbt:unlock' clears it now.");
      }
    }
  }

  /** Whether this lease has been released. */
  public boolean released() {
    return released.get();
  }
}
