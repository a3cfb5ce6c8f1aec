package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ${env.NAME}, ${property}, fallbacks, and secrets that must come from the environment. */
class InterpolationTest {

  private static final String HEAD =
      """
      version: 1
      account: { id: 1 }
      projects:
        shop:
          id: 12
          environments:
            prod: { name: Production }
      """;

  @TempDir Path dir;

  private DesiredState load(String yaml) throws IOException {
    return ConfigFixtures.loader()
        .load(Files.writeString(dir.resolve("dbt-cloud.yml"), HEAD + yaml));
  }

  private List<String> problems(String yaml) {
    InvalidDesiredStateException e =
        catchThrowableOfType(InvalidDesiredStateException.class, () -> load(yaml));
    assertThat(e).isNotNull();
    return ConfigFixtures.lines(e.problems());
  }

  private EnvVarSpec variable(DesiredState state, String name) {
    return state.projects().get("shop").envVars().get(name);
  }

  @Test
  void replacesEnvironmentVariablesAndBuildProperties() throws IOException {
    DesiredState state =
        load(
            """
            env_vars:
              DBT_BRANCH: "${release.branch}"
              DBT_HOST: "https://${env.DBT_HOST}/x"
            jobs:
              nightly: { environment: prod, execute_steps: [dbt build], threads: "${env.THREADS}" }
        """);

    assertThat(variable(state, "DBT_BRANCH").projectDefault()).isEqualTo("release/1.2");
    assertThat(variable(state, "DBT_HOST").projectDefault())
        .isEqualTo("https://ab123.us1.dbt.com/x");
    assertThat(state.projects().get("shop").jobs().get("nightly").threads()).isEqualTo(6);
  }

  @Test
  void usesTheFallbackOnlyWhenTheVariableIsUndefined() throws IOException {
    DesiredState state =
        load(
            """
            env_vars:
              DBT_A: "${env.NOT_SET:-fallback}"
              DBT_B: "${env.THREADS:-2}"
            jobs:
              nightly: { environment: prod, execute_steps: [dbt build], description: "${env.NOT_SET:-}" }
        """);

    assertThat(variable(state, "DBT_A").projectDefault()).isEqualTo("fallback");
    assertThat(variable(state, "DBT_B").projectDefault()).isEqualTo("6");
    assertThat(state.projects().get("shop").jobs().get("nightly").description()).isEmpty();
  }

  @Test
  void writesALiteralDollarBraceWhenDoubled() throws IOException {
    assertThat(
            variable(
                    load(
                        """
            env_vars:
              DBT_TEMPLATE: "$${not.a.variable}"
        """),
                    "DBT_TEMPLATE")
                .projectDefault())
        .isEqualTo("${not.a.variable}");
  }

  @Test
  void pointsAtEachUndefinedVariableInAValue() {
    assertThat(
            problems(
                """
            env_vars:
              DBT_A: ${env.FIRST_MISSING}-and-${second.missing}
        """))
        .containsExactly(
            "9:14 projects.shop.env_vars.DBT_A: undefined variable ${env.FIRST_MISSING}; export FIRST_MISSING in the"
                + " build's environment, or give a fallback: ${env.FIRST_MISSING:-value}",
            "9:39 projects.shop.env_vars.DBT_A: undefined variable ${second.missing}; pass -Dsecond.missing=... or"
                + " define it in the pom's <properties>, or give a fallback: ${second.missing:-value}");
  }

  @Test
  void refusesAReferenceThatIsNotAName() {
    assertThat(
            problems(
                """
            env_vars:
              DBT_A: "x ${env.A B}"
        """))
        .containsExactly(
            "9:17 projects.shop.env_vars.DBT_A: '${env.A B}' is not a variable reference; write"
                + " ${env.NAME}, ${property} or ${env.NAME:-fallback}");
  }

  @Test
  void warnsWhenASecretIsWrittenAsALiteralWithoutShowingIt() throws IOException {
    DesiredState state =
        load(
            """
            env_vars:
              DBT_ENV_SECRET_TOKEN: hunter2
              DBT_ENV_SECRET_KEY: { prod: "${env.DBT_KEY_NOT_SET:-hunter3}" }
            jobs:
              nightly:
                environment: prod
                execute_steps: [dbt build]
                env_vars: { DBT_ENV_SECRET_JOB: "prefix-${env.DBT_ENV_SECRET_GIT_TOKEN}" }
        """);

    assertThat(ConfigFixtures.lines(state.warnings()))
        .containsExactly(
            "9:29 projects.shop.env_vars.DBT_ENV_SECRET_TOKEN: the secret DBT_ENV_SECRET_TOKEN is written in the file,"
                + " where anyone who reads the file or its history can see it; take it from the build's environment:"
                + " ${env.DBT_ENV_SECRET_TOKEN}",
            "10:35 projects.shop.env_vars.DBT_ENV_SECRET_KEY.prod: the secret DBT_ENV_SECRET_KEY is written in the file,"
                + " where anyone who reads the file or its history can see it; take it from the build's environment:"
                + " ${env.DBT_ENV_SECRET_KEY}",
            "15:41 projects.shop.jobs.nightly.env_vars.DBT_ENV_SECRET_JOB: the secret DBT_ENV_SECRET_JOB is written in"
                + " the file, where anyone who reads the file or its history can see it; take it from the build's"
                + " environment: ${env.DBT_ENV_SECRET_JOB}");
    assertThat(state.warnings()).allSatisfy(w -> assertThat(w.message()).doesNotContain("hunter"));
  }

  @Test
  void acceptsASecretThatComesOnlyFromTheEnvironment() throws IOException {
    DesiredState state =
        load(
            """
            env_vars:
              DBT_ENV_SECRET_GIT_TOKEN: ${env.DBT_ENV_SECRET_GIT_TOKEN}
        """);

    assertThat(state.warnings()).isEmpty();
    assertThat(variable(state, "DBT_ENV_SECRET_GIT_TOKEN").projectDefault())
        .isEqualTo("s3cr3t-from-env");
  }

  @Test
  void warnsAboutALegacyHostAndAnUnknownDbtVersion() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("dbt-cloud.yml"),
            """
        version: 1
        account: { id: 1, host: cloud.getdbt.com }
        projects:
          shop:
            id: 12
            environments:
              prod: { dbt_version: "1.12-nightly-ish" }
        """);

    assertThat(ConfigFixtures.lines(ConfigFixtures.loader().load(file).warnings()))
        .containsExactly(
            "2:25 account.host: 'cloud.getdbt.com' is a legacy multi-tenant host, retired on 2026-11-01; use your"
                + " account's own URL (Account settings -> Access URLs), e.g. ab123.us1.dbt.com",
            "7:28 projects.shop.environments.prod.dbt_version: '1.12-nightly-ish' is not a dbt version this plugin"
                + " knows (a release track such as latest, compatible, extended, fallback, latest-fusion, or a pinned"
                + " 1.x.0-latest); dbt Cloud may reject it");
  }
}
