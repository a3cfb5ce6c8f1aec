package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.environment.EnvironmentKind;
import io.github.dbtcloud.core.resource.job.JobKind;
import io.github.dbtcloud.core.resource.job.JobVariableKind;
import io.github.dbtcloud.core.resource.notification.NotificationKind;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariableKind;
import io.github.dbtcloud.core.resource.webhook.WebhookKind;
import java.util.List;

/**
 * The kinds the plugin manages, in the order their changes are applied: an object's kind comes
 * after the kinds it refers to (a job after its environment, an override after its job). Deletes
 * are applied last, in the reverse order. A new kind is registered here.
 */
public final class ResourceKinds {

  private ResourceKinds() {}

  /** Every kind, in apply order. */
  public static List<ResourceKind<?>> all() {
    return List.of(
        EnvironmentKind.INSTANCE,
        EnvironmentVariableKind.INSTANCE,
        JobKind.INSTANCE,
        JobVariableKind.INSTANCE,
        NotificationKind.INSTANCE,
        WebhookKind.INSTANCE);
  }
}
