package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.api.Project;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One read of everything in scope: the projects the desired state names (or the build selects), and
 * each kind's part per project, plus the account-level kinds' parts. Read once per plan.
 */
public final class Snapshot {

  private final long accountId;
  private final String host;
  private final Map<String, Project> projects;
  private final Map<String, Map<ResourceKind<?>, Object>> parts;

  /**
   * @param accountId the account
   * @param host the host it was read from, for messages (null when unknown)
   * @param projects the projects in scope by the file's key, in file order
   * @param parts per scope (a project key, or {@link ResourceAddress#ACCOUNT}), each kind's part
   */
  public Snapshot(
      long accountId,
      String host,
      Map<String, Project> projects,
      Map<String, Map<ResourceKind<?>, Object>> parts) {
    this.accountId = accountId;
    this.host = host;
    this.projects = Collections.unmodifiableMap(new LinkedHashMap<>(projects));
    Map<String, Map<ResourceKind<?>, Object>> copy = new LinkedHashMap<>();
    parts.forEach((scope, byKind) -> copy.put(scope, Map.copyOf(byKind)));
    this.parts = Collections.unmodifiableMap(copy);
  }

  /** The account read. */
  public long accountId() {
    return accountId;
  }

  /** The host read from, or null when unknown. */
  public String host() {
    return host;
  }

  /** The projects in scope by the file's key, in file order. */
  public Map<String, Project> projects() {
    return projects;
  }

  /**
   * A kind's part in a project (or the account, for a null project), or null when it was not read
   * (the file declares nothing of that kind there).
   */
  @SuppressWarnings("unchecked")
  public <S> S part(ResourceKind<S> kind, String project) {
    Map<ResourceKind<?>, Object> byKind =
        parts.getOrDefault(project == null ? ResourceAddress.ACCOUNT : project, Map.of());
    return (S) byKind.get(kind);
  }
}
