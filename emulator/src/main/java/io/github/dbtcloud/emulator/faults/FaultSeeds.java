package io.github.dbtcloud.emulator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads fault rules from a seed file; every mistake names the rule and the fix. */
final class FaultSeeds {

  private FaultSeeds() {}

  static FaultRule rule(JsonNode r, int index) {
    String where = "faults.rules[" + index + "]";
    FaultRule.Builder b = FaultRule.on(r.path("method").asText("*"), r.path("path").asText("/**"));
    if (r.has("nth")) {
      List<Integer> ns = new ArrayList<>();
      if (r.get("nth").isArray()) {
        r.get("nth").forEach(n -> ns.add(n.asInt()));
      } else {
        ns.add(r.get("nth").asInt());
      }
      b.nth(ns.stream().mapToInt(Integer::intValue).toArray());
    } else if (r.has("every_nth")) {
      b.everyNth(r.get("every_nth").asInt());
    } else if (r.has("probability")) {
      b.probability(r.get("probability").asDouble());
    } else {
      b.always();
    }
    if (r.has("times")) {
      b.times(r.get("times").asInt());
    }
    return b.then(fault(r.path("fault"), where));
  }

  static Fault fault(JsonNode f, String where) {
    String type = f.isTextual() ? f.asText() : f.path("type").asText("");
    switch (type.toLowerCase(Locale.ROOT)) {
      case "latency":
        return new Fault.Latency(Duration.ofMillis(f.path("millis").asLong(100)));
      case "status":
        return Fault.status(f.path("status").asInt(500));
      case "too_many_requests":
        return f.has("retry_after")
            ? Fault.tooManyRequests(f.get("retry_after").asInt())
            : Fault.tooManyRequests();
      case "connection_reset":
        return Fault.connectionReset();
      case "hang":
        return f.has("seconds")
            ? Fault.hang(Duration.ofSeconds(f.get("seconds").asLong()))
            : Fault.hang();
      case "commit_then_fail":
        return Fault.commitThenFail();
      case "failure_envelope":
        return Fault.failureEnvelope();
      default:
        throw new IllegalArgumentException(
            where
                + ".fault: unknown fault '"
                + type
                + "'; use one of latency,"
                + " status, too_many_requests, connection_reset, hang, commit_then_fail, failure_envelope");
    }
  }
}
