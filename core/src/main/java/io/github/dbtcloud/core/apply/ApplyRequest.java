package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.Target;
import io.github.dbtcloud.core.plan.PlanOptions;
import java.nio.file.Path;

/**
 * What {@code dbt:apply} is asked to do.
 *
 * @param target the file and the connection
 * @param options the plan's selection and options (with a saved plan: only the secrets to rotate
 *     and the empty-project permission count, the rest is the saved plan's)
 * @param apply parallelism and fail-fast
 * @param planFile a plan.json to apply exactly, or null to plan and apply in one go
 */
public record ApplyRequest(Target target, PlanOptions options, ApplyOptions apply, Path planFile) {

  public ApplyRequest {
    options = options == null ? PlanOptions.defaults() : options;
    apply = apply == null ? ApplyOptions.defaults() : apply;
  }
}
