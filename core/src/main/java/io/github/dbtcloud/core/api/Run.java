package io.github.dbtcloud.core.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dbt Cloud job run as the v2 API returns it ({@code RunResponse}, docs/wire-format.md#runs). Ids
 * are 64-bit (run ids outgrew 32 bits in 2024; docs/wire-format.md#ids).
 *
 * @param fields the wire object
 */
public record Run(Map<String, Object> fields) {

  @SuppressWarnings("unchecked")
  public Run {
    fields = (Map<String, Object>) WireMaps.freeze(fields);
  }

  public long id() {
    return WireMaps.asLong(fields.get("id"));
  }

  /** The job this is a run of ({@code job_definition_id}). */
  public Long jobId() {
    return WireMaps.asLong(fields.get("job_definition_id"));
  }

  public RunStatus status() {
    return RunStatus.of(WireMaps.asLong(fields.get("status")));
  }

  /** {@code status_message}, e.g. {@code Cancelled by user.}, when the server gives one. */
  public Optional<String> statusMessage() {
    return Optional.ofNullable(WireMaps.asString(fields.get("status_message")));
  }

  /**
   * The run's page in dbt Cloud ({@code href}); its form has changed over time, so it is shown as
   * is.
   */
  public Optional<String> href() {
    return Optional.ofNullable(WireMaps.asString(fields.get("href"))).filter(s -> !s.isBlank());
  }

  public Optional<Instant> createdAt() {
    return Optional.ofNullable(WireTimes.instant(fields.get("created_at")));
  }

  public Optional<Instant> startedAt() {
    return Optional.ofNullable(WireTimes.instant(fields.get("started_at")));
  }

  public Optional<Instant> finishedAt() {
    return Optional.ofNullable(WireTimes.instant(fields.get("finished_at")));
  }

  /**
   * Total time from creation to finish, from the timestamps, else the server's {@code duration}.
   */
  public Optional<Duration> duration() {
    Optional<Instant> created = createdAt();
    Optional<Instant> finished = finishedAt();
    if (created.isPresent() && finished.isPresent()) {
      return Optional.of(Duration.between(created.get(), finished.get()));
    }
    return Optional.ofNullable(WireTimes.duration(fields.get("duration")));
  }

  /** Time spent queued before it started, from the timestamps, when it has started. */
  public Optional<Duration> queuedFor() {
    Optional<Instant> created = createdAt();
    Optional<Instant> started = startedAt();
    return created.isPresent() && started.isPresent()
        ? Optional.of(Duration.between(created.get(), started.get()))
        : Optional.empty();
  }

  /** The runs this one waits for ({@code blocked_by}), e.g. an earlier run of the same job. */
  public List<Long> blockedBy() {
    List<Long> out = new ArrayList<>();
    if (fields.get("blocked_by") instanceof List<?> list) {
      list.forEach(
          v -> {
            if (v instanceof Number n) {
              out.add(n.longValue());
            }
          });
    }
    return out;
  }

  /**
   * The steps, when the run was read with {@code include_related=["run_steps"]}; in index order.
   */
  public List<RunStep> steps() {
    List<RunStep> out = new ArrayList<>();
    if (fields.get("run_steps") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          Map<String, Object> step = (Map<String, Object>) m;
          out.add(new RunStep(step));
        }
      }
    }
    out.sort(java.util.Comparator.comparingInt(RunStep::index));
    return out;
  }
}
