package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.remote.RemoteState;
import java.time.Instant;

/**
 * A plan with what it was made from, as plan.json and plan.md record it.
 *
 * @param plan the plan
 * @param desired the desired state it was planned from
 * @param desiredSha256 SHA-256 of the desired-state file(s), so apply can tell the file changed
 *     since
 * @param remote the snapshot it was planned against
 * @param options the build's selection and options
 * @param tool the plugin and its version, e.g. {@code dbt-maven-plugin/0.1.0}
 * @param createdAt when the plan was made
 */
public record PlanReport(
    Plan plan,
    DesiredState desired,
    String desiredSha256,
    RemoteState remote,
    PlanOptions options,
    String tool,
    Instant createdAt) {}
