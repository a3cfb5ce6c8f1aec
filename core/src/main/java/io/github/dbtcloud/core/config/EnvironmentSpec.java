package io.github.dbtcloud.core.config;

import java.util.List;
import java.util.Set;

/**
 * A dbt Cloud environment as the file declares it (docs/wire-format.md#environment-fields). A null
 * field is not managed: the plan leaves the server's value alone.
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

  /** How the user names this environment in messages. */
  public String describe() {
    return key + (name != null ? " (\"" + name + "\")" : " (id " + id + ")");
  }

  /** A builder with nothing set (empty collections, no position). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link EnvironmentSpec} field by field; unset fields stay null (not managed) or empty.
   */
  public static final class Builder {
    private String key;
    private Long id;
    private String name;
    private List<String> previousNames = List.of();
    private String type;
    private String deploymentType;
    private String dbtVersion;
    private Long credentialsId;
    private Long connectionId;
    private Long extendedAttributesId;
    private Long primaryProfileId;
    private String customBranch;
    private Boolean useCustomBranch;
    private Boolean supportsDocs;
    private Boolean enableModelQueryHistory;
    private Boolean enableDbtState;
    private Set<String> ignoreChanges = Set.of();
    private boolean protect;
    private SourcePosition position = SourcePosition.NONE;

    private Builder() {}

    /** Sets {@code key}. */
    public Builder key(String value) {
      key = value;
      return this;
    }

    /** Sets {@code id}. */
    public Builder id(Long value) {
      id = value;
      return this;
    }

    /** Sets {@code name}. */
    public Builder name(String value) {
      name = value;
      return this;
    }

    /** Sets {@code previousNames}. */
    public Builder previousNames(List<String> value) {
      previousNames = value;
      return this;
    }

    /** Sets {@code type}. */
    public Builder type(String value) {
      type = value;
      return this;
    }

    /** Sets {@code deploymentType}. */
    public Builder deploymentType(String value) {
      deploymentType = value;
      return this;
    }

    /** Sets {@code dbtVersion}. */
    public Builder dbtVersion(String value) {
      dbtVersion = value;
      return this;
    }

    /** Sets {@code credentialsId}. */
    public Builder credentialsId(Long value) {
      credentialsId = value;
      return this;
    }

    /** Sets {@code connectionId}. */
    public Builder connectionId(Long value) {
      connectionId = value;
      return this;
    }

    /** Sets {@code extendedAttributesId}. */
    public Builder extendedAttributesId(Long value) {
      extendedAttributesId = value;
      return this;
    }

    /** Sets {@code primaryProfileId}. */
    public Builder primaryProfileId(Long value) {
      primaryProfileId = value;
      return this;
    }

    /** Sets {@code customBranch}. */
    public Builder customBranch(String value) {
      customBranch = value;
      return this;
    }

    /** Sets {@code useCustomBranch}. */
    public Builder useCustomBranch(Boolean value) {
      useCustomBranch = value;
      return this;
    }

    /** Sets {@code supportsDocs}. */
    public Builder supportsDocs(Boolean value) {
      supportsDocs = value;
      return this;
    }

    /** Sets {@code enableModelQueryHistory}. */
    public Builder enableModelQueryHistory(Boolean value) {
      enableModelQueryHistory = value;
      return this;
    }

    /** Sets {@code enableDbtState}. */
    public Builder enableDbtState(Boolean value) {
      enableDbtState = value;
      return this;
    }

    /** Sets {@code ignoreChanges}. */
    public Builder ignoreChanges(Set<String> value) {
      ignoreChanges = value;
      return this;
    }

    /** Sets {@code protect}. */
    public Builder protect(boolean value) {
      protect = value;
      return this;
    }

    /** Sets {@code position}. */
    public Builder position(SourcePosition value) {
      position = value;
      return this;
    }

    /** The spec. */
    public EnvironmentSpec build() {
      return new EnvironmentSpec(
          key,
          id,
          name,
          previousNames,
          type,
          deploymentType,
          dbtVersion,
          credentialsId,
          connectionId,
          extendedAttributesId,
          primaryProfileId,
          customBranch,
          useCustomBranch,
          supportsDocs,
          enableModelQueryHistory,
          enableDbtState,
          ignoreChanges,
          protect,
          position);
    }
  }
}
