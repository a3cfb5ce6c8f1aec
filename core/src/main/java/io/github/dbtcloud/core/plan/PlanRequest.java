package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.Target;
import java.nio.file.Path;

/**
 * What {@code dbt:plan} is asked to do.
 *
 * @param target the file and the connection
 * @param options selection and marker options
 * @param outputDirectory where plan.json and plan.md go, or null to write neither
 */
public record PlanRequest(Target target, PlanOptions options, Path outputDirectory) {

  public PlanRequest {
    options = options == null ? PlanOptions.defaults() : options;
  }
}
