package io.github.dbtcloud.core.apply;

import static io.github.dbtcloud.core.apply.ApplyFixtures.desired;
import static io.github.dbtcloud.core.apply.ApplyFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.Job;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyGraphTest {

  @TempDir Path dir;

  private final FakeDbtCloud cloud = new FakeDbtCloud();

  private Plan everyKindOfChange() {
    Environment prod = cloud.environment("Production", "deployment");
    cloud.job(managed("kept", prod));
    Job upstream = cloud.job(managed("upstream", prod));
    cloud.job(
        managed("downstream", prod)
            .withCompletionTrigger(upstream.id(), FakeDbtCloud.PROJECT, List.of(10L)));
    return plan(
        desired(
            dir,
            "ownership: { prune: true }\n",
            "    environments:\n"
                + "      prod: { name: Production, type: deployment }\n"
                + "      ci: { name: CI, type: deployment }\n"
                + "    env_vars:\n      DBT_TARGET: { project: dev, ci: ci }\n"
                + "    jobs:\n"
                + "      kept: { environment: prod, execute_steps: [dbt build] }\n"
                + "      marts: { environment: prod, execute_steps: [dbt build], triggers: { on_job_completion: { job: pr } } }\n"
                + "      pr:\n        environment: ci\n        execute_steps: [dbt build]\n"
                + "        env_vars: { DBT_TARGET: pr }\n"),
        cloud);
  }

  @Test
  void theApplyOrderIsThePlanOrder() {
    Plan plan = everyKindOfChange();

    List<String> order =
        ApplyGraph.of(plan).order().stream().map(s -> s.work().change().address().id()).toList();

    assertThat(order).isEqualTo(plan.changes().stream().map(c -> c.address().id()).toList());
    assertThat(order)
        .containsExactly(
            "shop.environment.ci",
            "shop.environment_variable.DBT_TARGET",
            "shop.job.pr",
            "shop.job.marts",
            "shop.job_environment_variable.pr/DBT_TARGET",
            "shop.job.downstream",
            "shop.job.upstream");
  }

  @Test
  void eachChangeWaitsForWhatItNeeds() {
    StepGraph<ApplyGraph.Item> graph = ApplyGraph.of(everyKindOfChange());

    assertThat(graph.step("environment_variable \"DBT_TARGET\"").after())
        .containsExactly("environment \"ci\"");
    assertThat(graph.step("job \"pr\"").after()).containsExactly("environment \"ci\"");
    assertThat(graph.step("job \"marts\"").after()).containsExactly("job \"pr\"");
    assertThat(graph.step("job_environment_variable \"pr/DBT_TARGET\"").after())
        .containsExactlyInAnyOrder("job \"pr\"", "environment_variable \"DBT_TARGET\"");
    // deletes come last, and the job that triggers on another goes first
    assertThat(graph.step("job \"downstream\"").after()).hasSize(5);
    assertThat(graph.step("job \"upstream\"").after()).hasSize(6).contains("job \"downstream\"");
  }

  @Test
  void stepsAreNamedWithTheirProjectOnlyWhenThePlanSpansSeveral() {
    assertThat(
            ApplyGraph.label(
                new io.github.dbtcloud.core.resource.ResourceAddress(
                    io.github.dbtcloud.core.resource.job.JobKind.INSTANCE, "shop", "nightly"),
                true))
        .isEqualTo("shop: job \"nightly\"");
  }

  private static Job managed(String key, Environment environment) {
    return Job.draft(FakeDbtCloud.ACCOUNT, FakeDbtCloud.PROJECT, environment.id())
        .withName(key)
        .withDescription(new Marker(null, key).text())
        .withExecuteSteps(List.of("dbt build"));
  }
}
