package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.plan.Change;
import io.github.dbtcloud.core.plan.PendingReference;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.plan.ResourceAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Carries out a plan's changes in order, filling in the ids of objects created earlier in the same apply. */
public final class Applier {

  private final AdminClient client;
  private final Console console;

  public Applier(AdminClient client, Console console) {
    this.client = client;
    this.console = console;
  }

  /** Applies every change of {@code plan}, in plan order. */
  public ApplyResult apply(Plan plan) {
    long started = System.nanoTime();
    int requestsBefore = client.requestCount();
    Map<ResourceAddress, Long> created = new HashMap<>();
    int added = 0;
    int changed = 0;
    for (Change change : plan.changes()) {
      if (change instanceof Change.Create c) {
        WireObject result = create(plan.accountId(), resolve(c.after(), c.pending(), created));
        created.put(c.address(), result.id());
        console.info(c.address() + ": created (id " + result.id() + ")");
        added++;
      } else if (change instanceof Change.Update u) {
        update(plan.accountId(), resolve(u.after(), u.pending(), created));
        console.info(u.address() + ": updated (id " + u.before().id() + ")");
        changed++;
      } else {
        throw new UnsupportedOperationException("deletes are not applied yet: " + change.address());
      }
    }
    return new ApplyResult(added, changed, 0, client.requestCount() - requestsBefore,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private WireObject create(long account, WireObject body) {
    if (body instanceof Environment e) {
      return client.createEnvironment(account, projectOf(e), e);
    }
    return client.createJob(account, (Job) body);
  }

  private void update(long account, WireObject body) {
    if (body instanceof Environment e) {
      client.updateEnvironment(account, projectOf(e), e);
    } else {
      client.updateJob(account, (Job) body);
    }
  }

  private static long projectOf(Environment e) {
    return ((Number) e.fields().get("project_id")).longValue();
  }

  private static WireObject resolve(WireObject body, List<PendingReference> pending, Map<ResourceAddress, Long> created) {
    WireObject out = body;
    for (PendingReference p : pending) {
      Long id = created.get(p.target());
      if (id == null) {
        throw new IllegalStateException(p.target() + " was not created before it was needed");
      }
      out = switch (p.field()) {
        case ENVIRONMENT_ID -> ((Job) out).withEnvironmentId(id);
      };
    }
    return out;
  }
}
