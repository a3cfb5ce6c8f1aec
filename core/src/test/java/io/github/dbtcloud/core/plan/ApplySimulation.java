package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.PendingReference;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.Job;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What dbt Cloud holds after a plan is applied, as a pure function, so that "plan after apply" is a
 * unit test.
 */
final class ApplySimulation {

  private ApplySimulation() {}

  /**
   * Applies {@code plan} to the one project of {@code remote}; {@code server} rewrites each job as
   * dbt Cloud would.
   */
  static Remote apply(Remote remote, Plan plan, UnaryOperator<Job> server) {
    Remote.Listing rp = remote.projects().get("shop");
    List<Environment> envs = new ArrayList<>(rp.environments());
    List<Job> jobs = new ArrayList<>(rp.jobs());
    Map<ResourceAddress, Long> created = new HashMap<>();
    long next = 5000;
    for (Change c : plan.changes()) {
      WireObject body = c.after();
      if (body instanceof Job job) {
        long id = c instanceof Change.Create ? next++ : job.id();
        created.put(c.address(), id);
        for (PendingReference p : c.pending()) {
          long target = created.get(p.target());
          job = job.with(p.path(), target);
        }
        Job stored = server.apply(new Job(Specs.with(job.fields(), "id", id)));
        jobs.removeIf(j -> j.id() == id);
        jobs.add(stored);
      } else if (body instanceof Environment env) {
        long id = c instanceof Change.Create ? next++ : env.id();
        created.put(c.address(), id);
        envs.removeIf(e -> e.id() == id);
        envs.add(new Environment(Specs.with(env.fields(), "id", id)));
      } else if (c instanceof Change.Delete d) {
        jobs.removeIf(j -> j.id().equals(d.before().id()));
      }
    }
    return new Remote(
        remote.accountId(),
        remote.host(),
        Map.of("shop", new Remote.Listing("shop", rp.project(), envs, jobs)));
  }
}
