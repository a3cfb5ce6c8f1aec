package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.WireApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory account's notifications (v2), users and webhook subscriptions (v3), answering as dbt
 * Cloud's docs show: webhook ids are {@code wsu_} strings, job ids come back as decimal strings and
 * sorted, the HMAC secret only in the create answer. Every write is recorded.
 */
final class AlertsFake implements WireApi {

  final Map<Long, Map<String, Object>> notifications = new LinkedHashMap<>();
  final Map<String, Map<String, Object>> webhooks = new LinkedHashMap<>();
  final List<Map<String, Object>> users = new ArrayList<>();
  final List<String> writes = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong(500);
  private int requests;

  AlertsFake user(long id, String email) {
    users.add(Map.of("id", id, "email", email));
    return this;
  }

  AlertsFake notification(Map<String, Object> n) {
    notifications.put((Long) n.get("id"), new LinkedHashMap<>(n));
    return this;
  }

  @Override
  public String baseUrl() {
    return "https://ab123.us1.dbt.com/";
  }

  @Override
  public int requestCount() {
    return requests;
  }

  @Override
  public Map<String, Object> get(String path, Map<String, String> query) {
    requests++;
    if (path.contains("/webhooks/subscription/")) {
      return answer(found(webhooks.get(last(path)), path), false);
    }
    return found(notifications.get(Long.parseLong(last(path))), path);
  }

  @Override
  public List<Map<String, Object>> list(String path, Map<String, String> query) {
    requests++;
    if (path.endsWith("/users/")) {
      return List.copyOf(users);
    }
    if (path.endsWith("/webhooks/subscriptions")) {
      return webhooks.values().stream().map(w -> answer(w, false)).toList();
    }
    return List.copyOf(notifications.values());
  }

  @Override
  public Map<String, Object> create(String path, Map<String, Object> body) {
    requests++;
    writes.add("POST " + path);
    if (path.endsWith("/webhooks/subscriptions")) {
      String id = "wsu_" + ids.incrementAndGet();
      Map<String, Object> w = new LinkedHashMap<>(body);
      w.put("id", id);
      webhooks.put(id, w);
      return answer(w, true);
    }
    long id = ids.incrementAndGet();
    Map<String, Object> n = new LinkedHashMap<>(body);
    n.put("id", id);
    notifications.put(id, n);
    return n;
  }

  @Override
  public Map<String, Object> update(String path, Map<String, Object> body) {
    requests++;
    writes.add("POST " + path);
    long id = Long.parseLong(last(path));
    found(notifications.get(id), path);
    Map<String, Object> n = new LinkedHashMap<>(body);
    n.put("id", id);
    notifications.put(id, n);
    return n;
  }

  @Override
  public Map<String, Object> replace(String path, Map<String, Object> body) {
    requests++;
    writes.add("PUT " + path);
    String id = last(path);
    found(webhooks.get(id), path);
    Map<String, Object> w = new LinkedHashMap<>(body);
    w.put("id", id);
    webhooks.put(id, w);
    return answer(w, false);
  }

  @Override
  public void delete(String path) {
    requests++;
    writes.add("DELETE " + path);
    if (path.contains("/webhooks/")) {
      webhooks.remove(last(path));
    } else {
      notifications.remove(Long.parseLong(last(path)));
    }
  }

  /** A subscription as dbt Cloud answers it: ids as decimal strings, sorted; the secret once. */
  private static Map<String, Object> answer(Map<String, Object> w, boolean created) {
    Map<String, Object> out = new LinkedHashMap<>(w);
    TreeSet<Long> jobIds = new TreeSet<>();
    if (w.get("job_ids") instanceof List<?> l) {
      l.forEach(o -> jobIds.add(Long.parseLong(String.valueOf(o))));
    }
    out.put("job_ids", jobIds.stream().map(String::valueOf).toList());
    if (w.get("event_types") instanceof List<?> l) {
      out.put("event_types", l.stream().map(String::valueOf).sorted().toList());
    }
    out.put("account_id", "1");
    out.putIfAbsent("active", false);
    out.putIfAbsent("description", "");
    if (created) {
      out.put("hmac_secret", "0123456789abcdef");
    }
    return out;
  }

  private static String last(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }

  private static <T> T found(T object, String path) {
    if (object == null) {
      throw new DbtCloudApiException(404, "GET", path, "Not found", (Throwable) null);
    }
    return object;
  }
}
