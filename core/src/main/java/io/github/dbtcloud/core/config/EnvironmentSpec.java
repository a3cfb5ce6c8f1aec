package io.github.dbtcloud.core.config;

import java.util.List;
import java.util.Set;

/**
 * A dbt Cloud environment as the file declares it (shared api doc §C.2). A null field is not
 * managed: the plan leaves the server's value alone.
 *
 * @param key local key, used by jobs and env vars to refer to it
 * @param id an existing environment's id: match by id instead of by name (null to match by name)
 * @param name the environment name in dbt Cloud (matched by name within the project); null only
 *     when {@code id} is given and the name is not managed
 * @param previousNames former names, so a rename is an update rather than a create
 * @param type {@code deployment} or {@code development}
 * @param deploymentType {@code production}, {@code staging}, or null
 * @param dbtVersion e.g. {@code latest}
 * @param credentialsId existing credentials, by id
 * @param connectionId existing global connection, by id
 * @param extendedAttributesId existing extended attributes, by id
 * @param primaryProfileId existing profile, by id
 * @param customBranch the custom branch; setting it turns {@code use_custom_branch} on
 * @param useCustomBranch {@code use_custom_branch}; null means "on exactly when custom_branch is
 *     set"
 * @param supportsDocs {@code supports_docs}
 * @param enableModelQueryHistory model query history toggle
 * @param enableDbtState {@code enable_dbt_state}
 * @param ignoreChanges fields the plan must leave alone, by file key
 * @param protect forbid destroying this environment
 * @param position where the environment block starts
 */
public record EnvironmentSpec(
    String key,
    Long id,
    String name,
    List<String> previousNames,
    String type,
    String deploymentType,
    String dbtVersion,
    Long credentialsId,
    Long connectionId,
    Long extendedAttributesId,
    Long primaryProfileId,
    String customBranch,
    Boolean useCustomBranch,
    Boolean supportsDocs,
    Boolean enableModelQueryHistory,
    Boolean enableDbtState,
    Set<String> ignoreChanges,
    boolean protect,
    SourcePosition position) {

  public EnvironmentSpec {
    previousNames = List.copyOf(previousNames);
    ignoreChanges = Set.copyOf(ignoreChanges);
  }

  /**
   * The original form (matched by name; no profile, docs, dbt state or explicit custom-branch
   * flag).
   */
  public EnvironmentSpec(
      String key,
      String name,
      List<String> previousNames,
      String type,
      String deploymentType,
      String dbtVersion,
      Long credentialsId,
      Long connectionId,
      Long extendedAttributesId,
      String customBranch,
      Boolean enableModelQueryHistory,
      Set<String> ignoreChanges,
      boolean protect,
      SourcePosition position) {
    this(
        key,
        null,
        name,
        previousNames,
        type,
        deploymentType,
        dbtVersion,
        credentialsId,
        connectionId,
        extendedAttributesId,
        null,
        customBranch,
        null,
        null,
        enableModelQueryHistory,
        null,
        ignoreChanges,
        protect,
        position);
  }

  /** How the user names this environment in messages. */
  public String describe() {
    return key + (name != null ? " (\"" + name + "\")" : " (id " + id + ")");
  }
}
