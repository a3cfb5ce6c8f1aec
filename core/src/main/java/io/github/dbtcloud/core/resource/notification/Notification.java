package io.github.dbtcloud.core.resource.notification;

import io.github.dbtcloud.core.api.WireMaps;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.config.AlertsSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A job notification in wire form (v2): {@code user_id}, {@code type} (1 a user's own email, 2 or 5
 * Slack, 4 an outside email), the destination, and per event a list of job ids. Every field the
 * server sent is kept, so an update sends back what this plugin does not know.
 *
 * @param fields the wire object
 */
public record Notification(Map<String, Object> fields) implements WireObject {

  /** A user's own email address (internal). */
  public static final long TYPE_USER = 1;

  /** A Slack channel. */
  public static final long TYPE_SLACK = 2;

  /** A Slack channel through the newer integration (read as Slack, never written). */
  public static final long TYPE_SLACK_NEW = 5;

  /** An email address outside the account. */
  public static final long TYPE_EMAIL = 4;

  /** A path suffix asking {@link #with} to add an id to a list instead of setting a value. */
  public static final String ADD = "[+]";

  @SuppressWarnings("unchecked")
  public Notification {
    fields = (Map<String, Object>) WireMaps.freeze(fields);
  }

  /** A new notification of the account for one recipient, with empty lists. */
  public static Notification draft(long accountId, long userId, AlertsSpec.Recipient recipient) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("account_id", accountId);
    f.put("user_id", userId);
    f.put("state", 1L);
    switch (recipient.type()) {
      case USER -> f.put("type", TYPE_USER);
      case EMAIL -> {
        f.put("type", TYPE_EMAIL);
        f.put("external_email", recipient.address());
      }
      case SLACK -> {
        f.put("type", TYPE_SLACK);
        f.put("slack_channel_id", recipient.slackChannelId());
        f.put("slack_channel_name", recipient.address());
      }
    }
    for (String event : AlertsSpec.EVENTS) {
      f.put(event, List.of());
    }
    return new Notification(f);
  }

  @Override
  public Long id() {
    return WireMaps.asLong(fields.get("id"));
  }

  /** The user it belongs to (the recipient, for a user's own email). */
  public Long userId() {
    return WireMaps.asLong(fields.get("user_id"));
  }

  /** The type number. */
  public long type() {
    Long t = WireMaps.asLong(fields.get("type"));
    return t == null ? 0 : t;
  }

  /** The job ids listed for one event, ascending. */
  public List<Long> jobs(String event) {
    TreeSet<Long> out = new TreeSet<>();
    if (fields.get(event) instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Number n) {
          out.add(n.longValue());
        }
      }
    }
    return List.copyOf(out);
  }

  /** This notification with one event's job ids. */
  public Notification withJobs(String event, List<Long> ids) {
    return new Notification(WireMaps.with(fields, event, List.copyOf(new TreeSet<>(ids))));
  }

  /**
   * {@code on_failure[+]} adds an id to a list (a job created in the same apply); any other path
   * sets a value.
   */
  @Override
  public Notification with(String path, Object value) {
    if (path.endsWith(ADD) && value instanceof Number n) {
      String event = path.substring(0, path.length() - ADD.length());
      List<Long> ids = new ArrayList<>(jobs(event));
      ids.add(n.longValue());
      return withJobs(event, ids);
    }
    return new Notification(WireMaps.with(fields, path, value));
  }

  /**
   * Who it goes to, in the file's form ({@link AlertsSpec.Recipient#text()}) but for a Slack
   * channel, which is known by its id whatever its name; null for a type this plugin does not
   * manage.
   *
   * @param emails the account users' email addresses by user id
   */
  public String recipientKey(Map<Long, String> emails) {
    long type = type();
    if (type == TYPE_USER) {
      String email = emails.get(userId());
      return email == null ? null : "user:" + email.toLowerCase(Locale.ROOT);
    }
    if (type == TYPE_EMAIL) {
      String email = WireMaps.asString(fields.get("external_email"));
      return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
    if (type == TYPE_SLACK || type == TYPE_SLACK_NEW) {
      String id = WireMaps.asString(fields.get("slack_channel_id"));
      return id == null ? null : "slack-id:" + id;
    }
    return null;
  }

  /** The key {@link #recipientKey} gives the notifications of a recipient of the file. */
  public static String recipientKey(AlertsSpec.Recipient r) {
    return r.type() == AlertsSpec.RecipientType.SLACK ? "slack-id:" + r.slackChannelId() : r.text();
  }

  /** How plans name it: its destination. */
  public String describe(Map<Long, String> emails) {
    long type = type();
    if (type == TYPE_USER) {
      return "user:" + emails.getOrDefault(userId(), "id " + userId());
    }
    if (type == TYPE_EMAIL) {
      return String.valueOf(fields.get("external_email"));
    }
    if (type == TYPE_SLACK || type == TYPE_SLACK_NEW) {
      return "slack:" + fields.get("slack_channel_name") + "/" + fields.get("slack_channel_id");
    }
    return "type " + type;
  }

  /** The fields a create or update sends (the answer's extras, such as the user, left out). */
  public Map<String, Object> body() {
    Map<String, Object> out = new LinkedHashMap<>(fields);
    out.remove("user");
    out.remove("created_at");
    out.remove("updated_at");
    return out;
  }
}
