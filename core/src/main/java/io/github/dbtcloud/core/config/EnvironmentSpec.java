package io.github.dbtcloud.core.config;

import java.util.List;
import java.util.Set;

/**
 * A dbt Cloud environment as the file declares it (shared api doc §C.2). A null field is not
 * managed: the plan leaves the server's value alone.
 *
 * @param key local key, used by jobs to refer to it
 * @param name the environment name in dbt Cloud (matched by name within the project)
 * @param previousNames former names, so a rename is an update rather than a create
 * @param type {@code deployment} or {@code development}
 * @param deploymentType {@code production}, {@code staging}, or null
 * @param dbtVersion e.g. {@code latest}
 * @param credentialsId existing credentials, by id
 * @param connectionId existing global connection, by id
 * @param extendedAttributesId existing extended attributes, by id
 * @param customBranch the custom branch; setting it turns {@code use_custom_branch} on
 * @param enableModelQueryHistory model query history toggle
 * @param ignoreChanges fields the plan must leave alone, by file key
 * @param protect forbid destroying this environment
 * @param position where the environment block starts
 */
public record EnvironmentSpec(
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

  public EnvironmentSpec {
    previousNames = List.copyOf(previousNames);
    ignoreChanges = Set.copyOf(ignoreChanges);
  }
}
