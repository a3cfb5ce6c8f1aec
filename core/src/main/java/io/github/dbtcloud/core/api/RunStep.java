package io.github.dbtcloud.core.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a run ({@code RunStepResponse}, docs/wire-format.md#runs), e.g. {@code Invoke dbt
 * with `dbt build`}.
 *
 * @param fields the wire object
 */
public record RunStep(Map<String, Object> fields) {

  @SuppressWarnings("unchecked")
  public RunStep {
    fields = (Map<String, Object>) WireMaps.freeze(fields);
  }

  /** The 1-based position in the run; also the {@code step} of its artifacts. */
  public int index() {
    Long index = WireMaps.asLong(fields.get("index"));
    return index == null ? 0 : index.intValue();
  }

  public String name() {
    String name = WireMaps.asString(fields.get("name"));
    return name == null ? "step " + index() : name;
  }

  public RunStatus status() {
    return RunStatus.of(WireMaps.asLong(fields.get("status")));
  }

  /** The high-level log ({@code logs}), else the truncated debug log; empty when there is none. */
  public String logs() {
    String logs = WireMaps.asString(fields.get("logs"));
    if (logs != null && !logs.isBlank()) {
      return logs;
    }
    String debug = WireMaps.asString(fields.get("truncated_debug_logs"));
    return debug == null ? "" : debug;
  }

  public Optional<Instant> startedAt() {
    return Optional.ofNullable(WireTimes.instant(fields.get("started_at")));
  }

  /**
   * How long it took (or has taken so far, up to {@code now}), from its timestamps, else its {@code
   * duration}.
   */
  public Optional<Duration> elapsed(Instant now) {
    Instant started = WireTimes.instant(fields.get("started_at"));
    Instant finished = WireTimes.instant(fields.get("finished_at"));
    if (started != null) {
      return Optional.of(Duration.between(started, finished != null ? finished : now));
    }
    return Optional.ofNullable(WireTimes.duration(fields.get("duration")));
  }
}
