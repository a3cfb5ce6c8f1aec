package io.github.dbtcloud.maven;

/** Every {@code dbt.*} user property the goals read, in one place. */
public final class PropertyNames {

  public static final String SKIP = "dbt.skip";
  public static final String FILE = "dbt.file";
  public static final String BASE_URL = "dbt.baseUrl";
  public static final String SERVER_ID = "dbt.serverId";
  public static final String OUTPUT_DIRECTORY = "dbt.outputDirectory";
  public static final String FAIL_ON_CHANGES = "dbt.failOnChanges";
  public static final String APPLY_SKIP = "dbt.apply.skip";
  public static final String PROJECTS = "dbt.projects";
  public static final String JOBS = "dbt.jobs";
  public static final String MARKER_PLACEMENT = "dbt.markerPlacement";
  public static final String ROTATE_SECRETS = "dbt.rotateSecrets";
  public static final String ALLOW_EMPTY_PROJECT = "dbt.allowEmptyProject";

  /** The environment variable CI systems use to pass the token. */
  public static final String TOKEN_ENV = "DBT_CLOUD_API_TOKEN";

  /** The value of {@code dbt.baseUrl} that starts the local emulator in-process. */
  public static final String EMBEDDED = "embedded";

  private PropertyNames() {}
}
