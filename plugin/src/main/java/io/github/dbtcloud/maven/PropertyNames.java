package io.github.dbtcloud.maven;

/** Every {@code dbt.*} user property the goals read, in one place. */
public final class PropertyNames {

  public static final String SKIP = "dbt.skip";
  public static final String FILE = "dbt.file";
  public static final String FILES = "dbt.files";
  public static final String BASE_URL = "dbt.baseUrl";
  public static final String SERVER_ID = "dbt.serverId";
  public static final String OUTPUT_DIRECTORY = "dbt.outputDirectory";
  public static final String REPORTS_DIRECTORY = "dbt.reportsDirectory";
  public static final String FAIL_ON_CHANGES = "dbt.failOnChanges";
  public static final String APPLY_SKIP = "dbt.apply.skip";
  public static final String SEMANTIC_LAYER_URL = "dbt.semanticLayerUrl";
  public static final String METRICS_SKIP = "dbt.metrics.skip";
  public static final String METRICS_QUERY = "dbt.metrics.query";
  public static final String PROJECTS = "dbt.projects";
  public static final String JOBS = "dbt.jobs";
  public static final String MARKER_PLACEMENT = "dbt.markerPlacement";
  public static final String ROTATE_SECRETS = "dbt.rotateSecrets";
  public static final String ALLOW_EMPTY_PROJECT = "dbt.allowEmptyProject";
  public static final String ACCOUNT_ID = "dbt.accountId";
  public static final String EMBEDDED_SEED = "dbt.embedded.seed";
  public static final String IMPORT_FILE = "dbt.import.file";
  public static final String IMPORT_FORCE = "dbt.import.force";
  public static final String IMPORT_ADOPT = "dbt.import.adopt";
  public static final String IMPORT_ENVIRONMENTS = "dbt.import.environments";
  public static final String CONVERT = "dbt.convert";
  public static final String CONVERT_FILE = "dbt.convert.file";
  public static final String CONVERT_FORCE = "dbt.convert.force";

  // the apply engine (docs/apply.md)
  public static final String PLAN_FILE = "dbt.planFile";
  public static final String PARALLELISM = "dbt.parallelism";
  public static final String FAIL_FAST = "dbt.failFast";
  public static final String LOCK = "dbt.lock";
  public static final String LOCK_TIMEOUT = "dbt.lockTimeout";

  // time bounds of the calls to dbt Cloud (docs/security.md)
  public static final String CALL_TIMEOUT = "dbt.callTimeout";
  public static final String READ_TIMEOUT = "dbt.readTimeout";

  /** Refused: the token never goes in the POM or on the command line. */
  public static final String TOKEN = "dbt.token";

  /** The environment variable CI systems use to pass the token. */
  public static final String TOKEN_ENV = "DBT_CLOUD_API_TOKEN";

  /** The value of {@code dbt.baseUrl} that starts the local emulator in-process. */
  public static final String EMBEDDED = "embedded";

  // the verification run (docs/verification.md)
  public static final String VERIFY_SKIP = "dbt.verify.skip";
  public static final String VERIFY_JOB = "dbt.verify.job";
  public static final String VERIFY_CAUSE = "dbt.verify.cause";
  public static final String VERIFY_GIT_BRANCH = "dbt.verify.gitBranch";
  public static final String VERIFY_GIT_SHA = "dbt.verify.gitSha";
  public static final String VERIFY_SCHEMA_OVERRIDE = "dbt.verify.schemaOverride";
  public static final String VERIFY_STEPS_OVERRIDE = "dbt.verify.stepsOverride";
  public static final String VERIFY_THREADS_OVERRIDE = "dbt.verify.threadsOverride";
  public static final String VERIFY_TARGET_NAME_OVERRIDE = "dbt.verify.targetNameOverride";
  public static final String VERIFY_TIMEOUT = "dbt.verify.timeout";
  public static final String VERIFY_POLL_MIN = "dbt.verify.pollMin";
  public static final String VERIFY_POLL_MAX = "dbt.verify.pollMax";
  public static final String VERIFY_CANCEL_ON_TIMEOUT = "dbt.verify.cancelOnTimeout";

  private PropertyNames() {}
}
