package io.github.dbtcloud.core.resource.webhook;

import io.github.dbtcloud.core.api.WireMaps;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.identity.Marker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A webhook subscription in wire form (v3). Its id is a string ({@code wsu_...}), so {@link #id()}
 * is null and {@link #subscriptionId()} carries it; job ids come back as decimal strings. The HMAC
 * secret is in the create answer only, and is never kept in a plan.
 *
 * @param fields the wire object
 */
public record Webhook(Map<String, Object> fields) implements WireObject {

  public static final String NAME = "name";
  public static final String DESCRIPTION = "description";
  public static final String CLIENT_URL = "client_url";
  public static final String EVENT_TYPES = "event_types";
  public static final String JOB_IDS = "job_ids";
  public static final String ACTIVE = "active";

  /** The fields a create or an update sends. */
  public static final List<String> WRITABLE =
      List.of(NAME, DESCRIPTION, CLIENT_URL, EVENT_TYPES, JOB_IDS, ACTIVE);

  /** A path suffix asking {@link #with} to add an id to the job ids. */
  public static final String ADD = "[+]";

  @SuppressWarnings("unchecked")
  public Webhook {
    Map<String, Object> copy = new LinkedHashMap<>(fields);
    copy.remove("hmac_secret"); // shown once by dbt Cloud; never kept, never written to plan.json
    fields = (Map<String, Object>) WireMaps.freeze(copy);
  }

  /** A new subscription with nothing set. */
  public static Webhook draft() {
    return new Webhook(Map.of());
  }

  /** No numeric id: webhook subscriptions are known by {@link #subscriptionId()}. */
  @Override
  public Long id() {
    return null;
  }

  /** The subscription's id ({@code wsu_...}), or null before creation. */
  public String subscriptionId() {
    return WireMaps.asString(fields.get("id"));
  }

  /** Its name. */
  public String name() {
    return WireMaps.asString(fields.get(NAME));
  }

  /** Its description ({@code ""} when none). */
  public String description() {
    Object d = fields.get(DESCRIPTION);
    return d instanceof String s ? s : "";
  }

  /** The marker at the end of its description, if any. */
  public Optional<Marker> marker() {
    return Marker.find(description());
  }

  /** The job ids it fires for (empty: every job), ascending, whether sent as numbers or text. */
  public List<Long> jobIds() {
    TreeSet<Long> out = new TreeSet<>();
    if (fields.get(JOB_IDS) instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Number n) {
          out.add(n.longValue());
        } else if (o instanceof String s && s.matches("\\d+")) {
          out.add(Long.parseLong(s));
        }
      }
    }
    return List.copyOf(out);
  }

  /** The event types, sorted. */
  public List<String> eventTypes() {
    TreeSet<String> out = new TreeSet<>();
    if (fields.get(EVENT_TYPES) instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    }
    return List.copyOf(out);
  }

  /** Whether it fires (absent reads as false, as dbt Cloud reads it). */
  public boolean active() {
    return Boolean.TRUE.equals(fields.get(ACTIVE));
  }

  /** {@code job_ids[+]} adds an id (a job created in the same apply); other paths set a value. */
  @Override
  public Webhook with(String path, Object value) {
    if (path.equals(JOB_IDS + ADD) && value instanceof Number n) {
      List<Long> ids = new ArrayList<>(jobIds());
      ids.add(n.longValue());
      return new Webhook(WireMaps.with(fields, JOB_IDS, List.copyOf(new TreeSet<>(ids))));
    }
    return new Webhook(WireMaps.with(fields, path, value));
  }

  /** The body of a create or an update: the writable fields. */
  public Map<String, Object> body() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String f : WRITABLE) {
      if (fields.containsKey(f)) {
        out.put(f, f.equals(JOB_IDS) ? jobIds() : fields.get(f));
      }
    }
    return out;
  }
}
