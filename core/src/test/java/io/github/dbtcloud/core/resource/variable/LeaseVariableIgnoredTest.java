package io.github.dbtcloud.core.resource.variable;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.lease.LeaseApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseVariableIgnoredTest {

  @Test
  void theApplyLeaseIsNeitherAVariableOfTheFileNorAnUnmanagedOne() {
    Map<String, Object> view =
        Map.of(
            "environments",
            List.of("project", "Production"),
            "variables",
            Map.of(
                "DBT_TARGET",
                Map.of("project", Map.of("id", 1, "value", "dev")),
                LeaseApi.VARIABLE,
                Map.of("project", Map.of("id", 2, "value", "lease x until ..."))));

    EnvironmentVariables read = EnvironmentVariables.read(1, 2, view);

    assertThat(read.variables()).containsOnlyKeys("DBT_TARGET");
    assertThat(EnvironmentVariableKind.INSTANCE.listed(read)).isEqualTo(1);
    assertThat(EnvironmentVariableKind.INSTANCE.identities(read)).containsOnlyKeys("DBT_TARGET");
  }
}
