package io.github.dbtcloud.core.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A scripted dbt Cloud for the verification's unit tests: one account (1), project (2) and job (42,
 * marker {@code [[nightly]]}); a triggered run moves through its script on the test's fake clock.
 * (Core cannot use the emulator; the invoker ITs run against it.)
 */
final class FakeRunServer extends Dispatcher {

  static final long RUN = 9_000_000_001L;
  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  /** One scripted step: its name, how long it takes and the status it ends in. */
  record Step(String name, Duration duration, int status, String logs) {}

  private final Clock clock;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> bodies = new CopyOnWriteArrayList<>();
  Duration queued = Duration.ofSeconds(1);
  Duration starting = Duration.ofSeconds(1);
  List<Step> steps =
      List.of(
          new Step("Clone git repository", Duration.ofSeconds(2), 10, "cloned"),
          new Step("Invoke dbt with `dbt build`", Duration.ofSeconds(5), 10, "Done. PASS=3"));
  List<Long> blockedBy = List.of();
  Duration blockedFrom = Duration.ZERO;
  String runResults = "{\"results\":[]}";
  String jobDescription = "Builds everything [[nightly]]";
  Duration cancelledElsewhereAfter;
  boolean refuseCancel;
  int failingPolls;
  private volatile Instant triggeredAt;
  private volatile Instant cancelledAt;

  FakeRunServer(Clock clock) {
    this.clock = clock;
  }

  static Duration minutes(long m) {
    return Duration.ofMinutes(m);
  }

  /** How many times the run was read. */
  long polls() {
    return requests.stream()
        .filter(r -> r.startsWith("GET /api/v2/accounts/1/runs/" + RUN + "/"))
        .count();
  }

  boolean cancelled() {
    return requests.stream()
        .anyMatch(r -> r.startsWith("POST /api/v2/accounts/1/runs/" + RUN + "/cancel/"));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    String line = request.getMethod() + " " + path;
    requests.add(line);
    bodies.add(request.getBody().readUtf8());
    if (line.startsWith("GET /api/v2/accounts/1/jobs/?project_id=2")) {
      return ok("[" + job() + "]", true);
    }
    if (line.startsWith("GET /api/v2/accounts/1/jobs/42/")) {
      return ok(job(), false);
    }
    if (line.equals("POST /api/v2/accounts/1/jobs/42/run/")) {
      triggeredAt = clock.instant();
      return ok(run(false), false);
    }
    if (line.startsWith("GET /api/v2/accounts/1/runs/" + RUN + "/artifacts/run_results.json")) {
      return new MockResponse().setBody(runResults);
    }
    if (line.startsWith("GET /api/v2/accounts/1/runs/" + RUN + "/")) {
      if (failingPolls > 0) {
        failingPolls--;
        return new MockResponse()
            .setResponseCode(503)
            .setBody(
                "{\"status\":{\"code\":503,\"is_success\":false,"
                    + "\"user_message\":\"Service unavailable\",\"developer_message\":\"\"},\"data\":null}");
      }
      return ok(run(path.contains("run_steps")), false);
    }
    if (line.equals("POST /api/v2/accounts/1/runs/" + RUN + "/cancel/")) {
      if (finishedAt(clock.instant()) != null) {
        if (refuseCancel) {
          return new MockResponse()
              .setResponseCode(400)
              .setBody(
                  "{\"status\":{\"code\":400,\"is_success\":false,"
                      + "\"user_message\":\"The request was invalid.\",\"developer_message\":\"\"},\"data\":{}}");
        }
        return ok(run(false), false);
      }
      cancelledAt = clock.instant();
      return ok(run(false), false);
    }
    return new MockResponse()
        .setResponseCode(404)
        .setBody(
            "{\"status\":{\"code\":404,\"is_success\":false,"
                + "\"user_message\":\"The requested resource was not found.\",\"developer_message\":\"\"},\"data\":null}");
  }

  private String job() {
    return "{\"id\":42,\"account_id\":1,\"project_id\":2,\"environment_id\":3,\"name\":\"Nightly build\","
        + "\"description\":\""
        + jobDescription
        + "\"}";
  }

  private Instant dequeuedAt() {
    return triggeredAt.plus(queued);
  }

  private Instant startedAt() {
    return dequeuedAt().plus(starting);
  }

  /** When the run ends by itself or by a cancel, if that is before {@code now}; else null. */
  private Instant finishedAt(Instant now) {
    Instant cancel = cancelledAt;
    if (cancelledElsewhereAfter != null) {
      Instant elsewhere = triggeredAt.plus(cancelledElsewhereAfter);
      cancel = cancel == null || elsewhere.isBefore(cancel) ? elsewhere : cancel;
    }
    Instant natural = startedAt();
    for (Step s : steps) {
      natural = natural.plus(s.duration());
      if (s.status() != 10) {
        break;
      }
    }
    Instant end = cancel != null && cancel.isBefore(natural) ? cancel : natural;
    return end.isAfter(now) ? null : end;
  }

  private String run(boolean withSteps) {
    Instant now = clock.instant();
    Instant finished = finishedAt(now);
    Instant bound = finished != null ? finished : now;
    boolean started = finished != null ? startedAt().isBefore(finished) : !startedAt().isAfter(now);
    List<String> stepJson = new ArrayList<>();
    Instant cursor = startedAt();
    int lastStatus = 10;
    int index = 0;
    for (Step s : steps) {
      boolean stepStarted = finished != null ? cursor.isBefore(finished) : !cursor.isAfter(now);
      if (!stepStarted) {
        break;
      }
      index++;
      Instant end = cursor.plus(s.duration());
      int st;
      String fin;
      if (!end.isAfter(bound)) {
        st = s.status();
        fin = ts(end);
      } else if (finished != null) {
        st = 30;
        fin = ts(finished);
      } else {
        st = 3;
        fin = null;
      }
      lastStatus = st;
      stepJson.add(
          "{\"id\":"
              + (100 + index)
              + ",\"index\":"
              + index
              + ",\"name\":\""
              + s.name()
              + "\",\"status\":"
              + st
              + ",\"logs\":\""
              + (fin == null ? "" : s.logs())
              + "\",\"started_at\":\""
              + ts(cursor)
              + "\",\"finished_at\":"
              + (fin == null ? "null" : "\"" + fin + "\"")
              + "}");
      cursor = end;
      if (s.status() != 10) {
        break;
      }
    }
    int status;
    if (finished != null) {
      status = finished.isBefore(naturalEnd()) ? 30 : lastStatus;
    } else if (now.isBefore(dequeuedAt())) {
      status = 1;
    } else if (!started) {
      status = 2;
    } else {
      status = 3;
    }
    boolean blockedNow = status == 1 && !now.isBefore(triggeredAt.plus(blockedFrom));
    String blocked = blockedNow ? blockedBy.toString().replace(" ", "") : "[]";
    return "{\"id\":"
        + RUN
        + ",\"job_definition_id\":42,\"status\":"
        + status
        + ",\"status_message\":"
        + (status == 30 ? "\"Cancelled by user.\"" : "null")
        + ",\"created_at\":\""
        + ts(triggeredAt)
        + "\",\"started_at\":"
        + (started ? "\"" + ts(startedAt()) + "\"" : "null")
        + ",\"finished_at\":"
        + (finished == null ? "null" : "\"" + ts(finished) + "\"")
        + ",\"blocked_by\":"
        + blocked
        + ",\"href\":\"https://ab123.us1.dbt.com/deploy/1/projects/2/runs/"
        + RUN
        + "/\""
        + ",\"run_steps\":["
        + (withSteps ? String.join(",", stepJson) : "")
        + "]}";
  }

  private Instant naturalEnd() {
    Instant natural = startedAt();
    for (Step s : steps) {
      natural = natural.plus(s.duration());
      if (s.status() != 10) {
        break;
      }
    }
    return natural;
  }

  private static String ts(Instant i) {
    return SPACED.format(i);
  }

  private static MockResponse ok(String data, boolean list) {
    String extra =
        list
            ? ",\"extra\":{\"filters\":{},\"order_by\":\"id\",\"pagination\":{\"count\":1,\"total_count\":1}}"
            : "";
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"status\":{\"code\":200,\"is_success\":true,\"user_message\":\"Success!\",\"developer_message\":\"\"},"
                + "\"data\":"
                + data
                + extra
                + "}");
  }
}
