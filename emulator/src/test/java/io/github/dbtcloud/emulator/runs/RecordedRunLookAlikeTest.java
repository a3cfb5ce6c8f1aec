package io.github.dbtcloud.emulator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's run answers look like the recorded dbt Cloud ones: the same fields in the same
 * order (plus {@code is_running}, which the spec lists and newer answers carry), the same JSON
 * types, the space-separated timestamps and {@code HH:MM:SS} durations.
 */
class RecordedRunLookAlikeTest {

  /**
   * Fields the run answers carry that the 2021 recordings predate: the spec's {@code RunResponse}
   * lists them all.
   */
  private static final Set<String> EXTRA_FIELDS =
      Set.of(
          "is_running",
          "retrying_run_id",
          "can_retry",
          "retry_not_supported_reason",
          "used_repo_cache");

  private static final String SPACED = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00";

  private final RunsFixture dbt = new RunsFixture();

  @AfterEach
  void stop() {
    dbt.close();
  }

  @Test
  void aTriggerAnswerLooksLikeTheRecordedOne() {
    JsonNode recorded = SharedRecordings.recorded("job_run_response.json");

    JsonNode ours =
        dbt.post(RunsFixture.triggerPath(RunsFixture.NIGHTLY), "{\"cause\":\"look-alike\"}").body();

    assertLooksLike(ours, recorded);
  }

  @Test
  void aFinishedRunLooksLikeTheRecordedOne() {
    JsonNode recorded = SharedRecordings.recorded("run_get_response.json");
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(70);

    JsonNode ours = dbt.get(RunsFixture.RUNS + id + "/").body();

    assertLooksLike(ours, recorded);
    assertThat(ours.at("/data/duration").asText()).isEqualTo("00:00:01");
    assertThat(ours.at("/data/run_duration_humanized").asText()).isEqualTo("1 second");
    assertThat(ours.at("/data/created_at_humanized").asText())
        .isEqualTo("1 minute, 10 seconds ago");
  }

  @Test
  void aCancelledQueuedRunLooksLikeTheRecordedCancel() {
    JsonNode recorded = SharedRecordings.recorded("run_cancel_response.json");
    dbt.emulator
        .runs()
        .script(
            RunScript.forJob(RunsFixture.NIGHTLY)
                .queuedFor(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(1)));
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(9);

    JsonNode ours = dbt.post(RunsFixture.RUNS + id + "/cancel/", null).body();

    assertLooksLike(ours, recorded);
    for (String field :
        List.of(
            "status",
            "status_message",
            "dequeued_at",
            "started_at",
            "artifacts_saved",
            "artifact_s3_path",
            "status_humanized",
            "is_cancelled",
            "duration",
            "queued_duration",
            "run_duration",
            "duration_humanized",
            "queued_duration_humanized",
            "run_duration_humanized")) {
      assertThat(ours.get("data").get(field)).as(field).isEqualTo(recorded.get("data").get(field));
    }
  }

  @Test
  void theArtifactListLooksLikeTheRecordedOne() {
    JsonNode recorded = SharedRecordings.recorded("run_list_artifacts_response.json");
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);

    JsonNode ours = dbt.get(RunsFixture.RUNS + id + "/artifacts/").body();

    assertThat(fieldNames(ours)).isEqualTo(fieldNames(recorded));
    assertThat(ours.get("status")).isEqualTo(recorded.get("status"));
    assertThat(recorded.get("data"))
        .extracting(JsonNode::asText)
        .contains("manifest.json", "run_results.json");
    assertThat(ours.get("data"))
        .extracting(JsonNode::asText)
        .containsExactly("manifest.json", "run_results.json");
  }

  @Test
  void runResultsCarriesEveryFieldOfTheRecordedArtifact() {
    JsonNode recorded = SharedRecordings.recorded("run_get_artifact_response.json");
    long id = dbt.trigger(RunsFixture.NIGHTLY);
    dbt.advance(60);

    JsonNode ours = dbt.get(RunsFixture.RUNS + id + "/artifacts/run_results.json").body();

    assertThat(fieldNames(ours)).containsExactlyElementsOf(fieldNames(recorded));
    assertThat(fieldNames(ours.get("metadata"))).containsAll(fieldNames(recorded.get("metadata")));
    assertThat(fieldNames(ours.at("/metadata/env")))
        .containsAll(fieldNames(recorded.at("/metadata/env")));
    assertThat(fieldNames(ours.at("/results/0")))
        .containsAll(fieldNames(recorded.at("/results/0")));
    assertThat(fieldNames(ours.at("/results/0/timing/0")))
        .isEqualTo(fieldNames(recorded.at("/results/0/timing/0")));
  }

  private static void assertLooksLike(JsonNode ours, JsonNode recorded) {
    assertThat(fieldNames(ours)).isEqualTo(fieldNames(recorded));
    assertThat(fieldNames(ours.get("status"))).isEqualTo(fieldNames(recorded.get("status")));
    JsonNode data = ours.get("data");
    JsonNode want = recorded.get("data");
    List<String> ourFields = fieldNames(data);
    ourFields.removeAll(EXTRA_FIELDS);
    assertThat(ourFields).as("fields, in the recorded order").isEqualTo(fieldNames(want));
    for (String field : fieldNames(want)) {
      JsonNode a = data.get(field);
      JsonNode b = want.get(field);
      if (!a.isNull() && !b.isNull() && !field.equals("href")) {
        assertThat(a.getNodeType()).as(field).isEqualTo(b.getNodeType());
      }
      if (field.endsWith("_at") && !a.isNull()) {
        assertThat(a.asText()).as(field).matches(SPACED);
        if (!b.isNull()) {
          assertThat(b.asText()).as("recorded " + field).matches(SPACED);
        }
      }
      if (field.endsWith("duration")) {
        assertThat(a.asText()).as(field).matches("\\d\\d:\\d\\d:\\d\\d");
      }
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
