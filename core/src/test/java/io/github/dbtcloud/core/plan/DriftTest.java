package io.github.dbtcloud.core.plan;

import static io.github.dbtcloud.core.plan.Specs.desired;
import static io.github.dbtcloud.core.plan.Specs.job;
import static io.github.dbtcloud.core.plan.Specs.remote;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.api.Fingerprint;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.Drift;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.job.Job;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The marker's fingerprint tells changes made in the file from changes made in dbt Cloud by hand.
 */
class DriftTest {

  private static DesiredState file(int threads, List<String> steps) {
    return desired(
        job(
            "nightly",
            j -> {
              j.name = "Nightly";
              j.threads = threads;
              j.steps = steps;
              return j;
            }));
  }

  /** The job exactly as applying {@code applied} leaves it. */
  private static Job appliedFrom(DesiredState applied) {
    Job after = (Job) ((Change.Create) Plans.diff(applied, remote()).changes().get(0)).after();
    return new Job(
        Specs.with(Specs.with(after.fields(), "id", 900L), "environment_id", Specs.PROD_ID));
  }

  private static FieldChange.Origin origin(Plan plan, String path) {
    return plan.changes().get(0).fields().stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow()
        .origin();
  }

  @Test
  void aValueChangedByHandIsMarkedOutside() {
    DesiredState file = file(8, List.of("dbt build"));
    Job changedByHand = appliedFrom(file).withThreads(4);

    Plan plan = Plans.diff(file, remote(changedByHand));

    assertThat(origin(plan, "settings.threads")).isEqualTo(FieldChange.Origin.OUTSIDE);
    assertThat(plan.hasDrift()).isTrue();
  }

  @Test
  void aValueChangedInTheFileIsMarkedFile() {
    Job applied = appliedFrom(file(8, List.of("dbt build")));

    Plan plan = Plans.diff(file(16, List.of("dbt build")), remote(applied));

    assertThat(origin(plan, "settings.threads")).isEqualTo(FieldChange.Origin.FILE);
    assertThat(plan.hasDrift()).isFalse();
  }

  @Test
  void tellsEachFieldApartWhenBothSidesChangedDifferentFields() {
    Job applied = appliedFrom(file(8, List.of("dbt build")));
    Job changedByHand = applied.withThreads(4);

    Plan plan =
        Plans.diff(file(8, List.of("dbt build", "dbt docs generate")), remote(changedByHand));

    assertThat(origin(plan, "settings.threads")).isEqualTo(FieldChange.Origin.OUTSIDE);
    assertThat(origin(plan, "execute_steps")).isEqualTo(FieldChange.Origin.FILE);
  }

  @Test
  void saysNothingItCannotKnow() {
    Job applied = appliedFrom(file(8, List.of("dbt build")));
    Job noFingerprint =
        applied
            .withDescription(Marker.strip(applied.description()) + " [[nightly]]")
            .withThreads(4);
    Job bothChangedOneField = applied.withThreads(4);

    assertThat(
            origin(
                Plans.diff(file(8, List.of("dbt build")), remote(noFingerprint)),
                "settings.threads"))
        .isEqualTo(FieldChange.Origin.UNKNOWN);
    assertThat(
            origin(
                Plans.diff(file(16, List.of("dbt build")), remote(bothChangedOneField)),
                "settings.threads"))
        .isEqualTo(FieldChange.Origin.UNKNOWN);
  }

  @Test
  void theFingerprintIsStableForTheSameFileAndChangesWithIt() {
    String first =
        Marker.find(appliedFrom(file(8, List.of("dbt build"))).description())
            .orElseThrow()
            .fingerprint();
    String again =
        Marker.find(appliedFrom(file(8, List.of("dbt build"))).description())
            .orElseThrow()
            .fingerprint();
    String other =
        Marker.find(appliedFrom(file(9, List.of("dbt build"))).description())
            .orElseThrow()
            .fingerprint();

    assertThat(first).matches("[0-9a-f]{6}").isEqualTo(again).isNotEqualTo(other);
  }

  @Test
  void theFingerprintIsTheOneEarlierVersionsWroteIntoMarkers() {
    // first six hex digits of sha256sum of {"name":"x"}: markers in dbt Cloud carry these
    assertThat(Drift.fingerprint(Map.of("name", "x"))).isEqualTo("0229d3");
    Map<String, Object> forms = new LinkedHashMap<>();
    forms.put("triggers.schedule", true);
    forms.put("execute_steps", List.of("dbt build", "dbt test --select \"tag:ü\""));
    forms.put("settings.threads", 4L);
    forms.put("environment_id", null);
    assertThat(Drift.fingerprint(forms))
        .isEqualTo(
            Fingerprint.sha256(Fingerprint.canonicalJson(new TreeMap<>(forms))).substring(0, 6));
  }
}
