package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import java.util.List;

/** What a kind reads its part of the snapshot with, for one scope. */
public interface ReadContext {

  /** The Admin API. */
  WireApi api();

  /** The desired state being planned. */
  DesiredState desired();

  /** The project spec of the scope, or null for the account scope. */
  ProjectSpec project();

  /** The project as dbt Cloud has it, or null for the account scope. */
  Project remoteProject();

  /** The account id. */
  default long accountId() {
    return desired().account().id();
  }

  /** The project's id in dbt Cloud (project scope only). */
  default long projectId() {
    return remoteProject().id();
  }

  /** The part of a kind this one reads after (same scope), or null when it was not read. */
  <S> S part(ResourceKind<S> kind);

  /**
   * What the other kinds' listed objects in this scope point at, of one kind ({@link
   * ResourceKind#references}); only meaningful in {@link ResourceKind#settle}.
   */
  List<Reference> referencesTo(ResourceKind<?> kind);
}
