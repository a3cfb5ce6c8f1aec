package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.EnvironmentVariable;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.JobEnvironmentVariable;
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
    int destroyed = 0;
    long account = plan.accountId();
    for (Change change : plan.changes()) {
      if (change instanceof Change.Create c) {
        WireObject result = create(account, resolve(c.after(), c.pending(), created, c.address()));
        created.put(c.address(), result.id());
        if (c.pending().stream().anyMatch(p -> p.target().equals(c.address())) && result instanceof Job job) {
          // a job that defers to itself can only name its own id once it has one
          client.updateJob(account, job.withDeferringJobId(job.id()));
        }
        console.info(c.address() + ": created" + (result.id() == null ? "" : " (id " + result.id() + ")"));
        added++;
      } else if (change instanceof Change.Update u) {
        update(account, u.before(), resolve(u.after(), u.pending(), created, u.address()));
        console.info(u.address() + ": updated" + (u.before().id() == null ? "" : " (id " + u.before().id() + ")"));
        changed++;
      } else if (change instanceof Change.Delete d) {
        client.deleteJob(account, d.before().id());
        console.info(d.address() + ": destroyed (id " + d.before().id() + ")");
        destroyed++;
      }
    }
    return new ApplyResult(added, changed, destroyed, client.requestCount() - requestsBefore,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private WireObject create(long account, WireObject body) {
    if (body instanceof Environment e) {
      return client.createEnvironment(account, e.projectId(), e);
    }
    if (body instanceof EnvironmentVariable v) {
      client.createEnvironmentVariable(account, v.projectId(), v);
      return v;
    }
    if (body instanceof JobEnvironmentVariable v) {
      return client.createJobEnvironmentVariable(account, v.projectId(), v);
    }
    return client.createJob(account, (Job) body);
  }

  private void update(long account, WireObject before, WireObject body) {
    if (body instanceof Environment e) {
      client.updateEnvironment(account, e.projectId(), e);
    } else if (body instanceof EnvironmentVariable v) {
      client.updateEnvironmentVariable(account, v.projectId(), (EnvironmentVariable) before, v);
    } else if (body instanceof JobEnvironmentVariable v) {
      client.updateJobEnvironmentVariable(account, v.projectId(), v);
    } else {
      client.updateJob(account, (Job) body);
    }
  }

  private static WireObject resolve(WireObject body, List<PendingReference> pending, Map<ResourceAddress, Long> created,
      ResourceAddress self) {
    WireObject out = body;
    for (PendingReference p : pending) {
      if (p.target().equals(self)) {
        continue;
      }
      Long id = created.get(p.target());
      if (id == null) {
        throw new IllegalStateException(p.target() + " was not created before it was needed");
      }
      out = switch (p.field()) {
        case ENVIRONMENT_ID -> ((Job) out).withEnvironmentId(id);
        case DEFERRING_ENVIRONMENT_ID -> ((Job) out).withDeferringEnvironmentId(id);
        case DEFERRING_JOB_ID -> ((Job) out).withDeferringJobId(id);
        case COMPLETION_JOB_ID -> ((Job) out).withCompletionTriggerJobId(id);
        case JOB_DEFINITION_ID -> ((JobEnvironmentVariable) out).withJobId(id);
      };
    }
    return out;
  }
}
