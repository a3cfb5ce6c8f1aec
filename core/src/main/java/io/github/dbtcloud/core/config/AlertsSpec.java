package io.github.dbtcloud.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alerts a desired state declares: job notifications by recipient (from the jobs' {@code
 * notify:} blocks and the top-level {@code notifications:} section, merged) and webhook
 * subscriptions by key (docs/alerts.md).
 *
 * @param notifications what each named recipient hears about, by {@link Recipient#text()}
 * @param webhooks the webhook subscriptions by key, in file order
 */
public record AlertsSpec(
    Map<String, NotificationSpec> notifications, Map<String, WebhookSpec> webhooks) {

  /** A file without alerts. */
  public static final AlertsSpec NONE = new AlertsSpec(Map.of(), Map.of());

  /** The four events a notification lists job ids for, as the file and dbt Cloud name them. */
  public static final List<String> EVENTS =
      List.of("on_failure", "on_warning", "on_success", "on_cancel");

  /** The webhook event types dbt Cloud sends. */
  public static final List<String> WEBHOOK_EVENTS =
      List.of("job.run.started", "job.run.completed", "job.run.errored");

  public AlertsSpec {
    notifications = Collections.unmodifiableMap(new LinkedHashMap<>(notifications));
    webhooks = Collections.unmodifiableMap(new LinkedHashMap<>(webhooks));
  }

  /** Whether the file declares any alert (only then are alerts read from dbt Cloud). */
  public boolean declared() {
    return !notifications.isEmpty() || !webhooks.isEmpty();
  }

  /**
   * A job of the file, by project key and job key; a webhook's {@code project/*} has job {@code *}.
   *
   * @param project the project key
   * @param job the job key, or {@code *} for every job of the project
   */
  public record JobKey(String project, String job) {

    /** Every job of the project (webhooks only). */
    public boolean allOfProject() {
      return "*".equals(job);
    }

    @Override
    public String toString() {
      return project + "/" + job;
    }
  }

  /** How a recipient hears about runs. */
  public enum RecipientType {
    /** A user of the account, by the email address dbt Cloud has for them. */
    USER,
    /** An email address outside the account. */
    EMAIL,
    /** A Slack channel of the account's Slack integration. */
    SLACK
  }

  /**
   * Who a notification goes to, as the file writes it: {@code user:jane@example.com}, {@code
   * oncall@example.com} (or {@code email:oncall@example.com}), {@code slack:#channel/C0123ABC}.
   *
   * @param type the kind of recipient
   * @param address the email address, or the Slack channel's name (with its {@code #})
   * @param slackChannelId the Slack channel's id, for a Slack channel
   */
  public record Recipient(RecipientType type, String address, String slackChannelId) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SLACK = Pattern.compile("#?([^/\\s#]+)/([A-Za-z0-9]+)");

    /** The recipient as the file writes it, in its canonical form (the key of notifications). */
    public String text() {
      return switch (type) {
        case USER -> "user:" + address;
        case EMAIL -> address;
        case SLACK -> "slack:" + address + "/" + slackChannelId;
      };
    }

    /** Whether an email address looks like one (what dbt Cloud checks too). */
    public static boolean isEmail(String s) {
      return s != null && EMAIL.matcher(s).matches();
    }

    /**
     * Reads a recipient; null with the reason in {@code why[0]} when it is not one.
     *
     * @param raw what the file says
     * @param why receives the reason when it is not a recipient
     */
    public static Recipient parse(String raw, String[] why) {
      String s = raw.strip();
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.startsWith("user:")) {
        String email = s.substring(5).strip();
        if (!isEmail(email)) {
          why[0] =
              "'" + email + "' is not an email address; write user:<the user's email in dbt Cloud>";
          return null;
        }
        return new Recipient(RecipientType.USER, email.toLowerCase(Locale.ROOT), null);
      }
      if (lower.startsWith("slack:")) {
        Matcher m = SLACK.matcher(s.substring(6).strip());
        if (!m.matches()) {
          why[0] =
              "'"
                  + s
                  + "' is not a Slack channel; write slack:#<channel name>/<channel id>, e.g."
                  + " slack:#data-alerts/C0123ABC (the id is in the channel's details in Slack)";
          return null;
        }
        return new Recipient(RecipientType.SLACK, "#" + m.group(1), m.group(2));
      }
      String email = lower.startsWith("email:") ? s.substring(6).strip() : s;
      if (!isEmail(email)) {
        why[0] =
            "'"
                + s
                + "' is not a recipient; write an email address (oncall@example.com),"
                + " user:<email of an account user> or slack:#<channel>/<channel id>";
        return null;
      }
      return new Recipient(RecipientType.EMAIL, email.toLowerCase(Locale.ROOT), null);
    }
  }

  /**
   * What one recipient hears about: per event, the file's jobs.
   *
   * @param recipient who
   * @param jobs per event ({@link #EVENTS}), the jobs, in file order without repeats
   * @param position where the recipient is first named
   */
  public record NotificationSpec(
      Recipient recipient, Map<String, Set<JobKey>> jobs, SourcePosition position) {

    public NotificationSpec {
      Map<String, Set<JobKey>> copy = new LinkedHashMap<>();
      for (String event : EVENTS) {
        copy.put(
            event,
            Collections.unmodifiableSet(new LinkedHashSet<>(jobs.getOrDefault(event, Set.of()))));
      }
      jobs = Collections.unmodifiableMap(copy);
    }
  }

  /**
   * A webhook subscription of the file.
   *
   * @param key its key in the file, written into its description's marker
   * @param name its name in dbt Cloud
   * @param description its description, without the marker (null: none)
   * @param url where dbt Cloud posts the events
   * @param events the event types, sorted
   * @param jobs the jobs it fires for (empty: every job of the account)
   * @param active whether it fires
   * @param position where its entry starts
   */
  public record WebhookSpec(
      String key,
      String name,
      String description,
      String url,
      List<String> events,
      List<JobKey> jobs,
      boolean active,
      SourcePosition position) {

    public WebhookSpec {
      events = List.copyOf(events);
      jobs = List.copyOf(jobs);
    }
  }
}
