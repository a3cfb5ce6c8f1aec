package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.remote.RemoteProject;
import io.github.dbtcloud.core.remote.RemoteState;
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
  static RemoteState apply(RemoteState remote, Plan plan, UnaryOperator<Job> server) {
    RemoteProject rp = remote.projects().get("shop");
    List<Environment> envs = new ArrayList<>(rp.environments());
    List<Job> jobs = new ArrayList<>(rp.jobs());
    Map<ResourceAddress, Long> created = new HashMap<>();
    long next = 5000;
    for (Change c : plan.changes()) {
      WireObject body =
          c instanceof Change.Create cr
              ? cr.after()
              : c instanceof Change.Update u ? u.after() : null;
      if (body instanceof Job job) {
        long id = c instanceof Change.Create ? next++ : job.id();
        created.put(c.address(), id);
        for (PendingReference p : c.pending()) {
          long target = created.get(p.target());
          job =
              switch (p.field()) {
                case ENVIRONMENT_ID -> job.withEnvironmentId(target);
                case DEFERRING_ENVIRONMENT_ID -> job.withDeferringEnvironmentId(target);
                case DEFERRING_JOB_ID -> job.withDeferringJobId(target);
                case COMPLETION_JOB_ID -> job.withCompletionTriggerJobId(target);
                case JOB_DEFINITION_ID -> job;
              };
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
    return new RemoteState(
        remote.accountId(),
        remote.host(),
        Map.of("shop", new RemoteProject("shop", rp.project(), envs, jobs)));
  }
}
