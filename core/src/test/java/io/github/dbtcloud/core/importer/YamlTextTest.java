package io.github.dbtcloud.core.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.resource.Exported;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class YamlTextTest {

  @Test
  void quotesTextThatYamlWouldReadAsSomethingElse() {
    for (String s :
        List.of(
            "true", "no", "null", "~", "123", "1.10", "-x", "a: b", "a #b", "", " x", "[x]", "*x",
            "0x1F")) {
      YamlText.Block b = new YamlText.Block();
      b.entries.put("k", s);
      Object back = new Yaml().<Map<String, Object>>load(YamlText.write(List.of(), b)).get("k");
      assertThat(back).as(s).isEqualTo(s);
    }
  }

  @Test
  void writesPlainTextPlain() {
    assertThat(YamlText.scalar("Nightly build")).isEqualTo("Nightly build");
    assertThat(YamlText.scalar("dbt build --select state:modified+"))
        .isEqualTo("\"dbt build --select state:modified+\"");
  }

  @Test
  void escapesALiteralInterpolationButNotAPlaceholder() {
    assertThat(YamlText.scalar("uses ${DBT_TARGET}")).isEqualTo("\"uses $${DBT_TARGET}\"");
    assertThat(YamlText.scalar(Exported.secret("DBT_ENV_SECRET_X", "prod")))
        .isEqualTo("\"${env.DBT_ENV_SECRET_X_PROD}\"");
  }

  @Test
  void writesCommentsAboveTheirEntriesAndListsInFlowStyle() {
    YamlText.Block root = new YamlText.Block();
    YamlText.Block job = root.block("jobs").block("nightly");
    job.entries.put("execute_steps", List.of("dbt source freshness", "dbt build"));
    job.entries.put("threads", 8L);
    root.block("jobs").comment("nightly", List.of("job 12 \"Nightly\""));

    assertThat(YamlText.write(List.of("header"), root))
        .isEqualTo(
            "# header\n"
                + "jobs:\n"
                + "  # job 12 \"Nightly\"\n"
                + "  nightly:\n"
                + "    execute_steps: [dbt source freshness, dbt build]\n"
                + "    threads: 8\n");
  }
}
