package io.github.dbtcloud.core.config;

import io.github.dbtcloud.core.config.AlertsSpec.JobKey;
import io.github.dbtcloud.core.config.AlertsSpec.NotificationSpec;
import io.github.dbtcloud.core.config.AlertsSpec.Recipient;
import io.github.dbtcloud.core.config.AlertsSpec.WebhookSpec;
import io.github.dbtcloud.core.identity.Marker;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the alerts of a desired state: the jobs' {@code notify:} blocks, the top-level {@code
 * notifications:} (keyed by recipient) and {@code webhooks:} (keyed by webhook key) sections. Job
 * keys are resolved once every project is read, so a section may name a job declared anywhere.
 */
final class AlertsReader {

  /** A job named by a top-level section, checked once the projects are known. */
  private record Pending(String recipient, String event, String ref, YamlCursor at) {}

  private final Map<String, Recipient> recipients = new LinkedHashMap<>();
  private final Map<String, SourcePosition> firstNamed = new LinkedHashMap<>();
  private final Map<String, Map<String, Set<JobKey>>> jobs = new LinkedHashMap<>();
  private final List<Pending> pending = new ArrayList<>();
  private final List<WebhookDraft> webhooks = new ArrayList<>();

  private record WebhookDraft(
      String key,
      String name,
      String description,
      String url,
      List<String> events,
      List<YamlCursor> jobRefs,
      boolean active,
      YamlCursor at) {}

  /** A job's {@code notify:} block: per event, the recipients of that job. */
  void notify(String projectKey, String jobKey, YamlCursor c) {
    for (Map.Entry<String, YamlCursor> e : c.entries(Keys.NOTIFY).entrySet()) {
      for (YamlCursor item : e.getValue().items()) {
        Recipient r = recipient(item);
        if (r != null) {
          add(r, item.position(), e.getKey(), new JobKey(projectKey, jobKey));
        }
      }
    }
  }

  /** The top-level {@code notifications:}: per recipient, per event, jobs by key. */
  void notifications(YamlCursor c) {
    for (Map.Entry<String, YamlCursor> entry : c.entries().entrySet()) {
      String[] why = new String[1];
      YamlCursor at = entry.getValue();
      Recipient r = Recipient.parse(entry.getKey(), why);
      if (r == null) {
        at.keyProblem(why[0]);
        continue;
      }
      recipients.putIfAbsent(r.text(), r);
      firstNamed.putIfAbsent(r.text(), at.keyPosition());
      jobs.computeIfAbsent(r.text(), t -> new LinkedHashMap<>());
      for (Map.Entry<String, YamlCursor> e : at.entries(Keys.NOTIFY).entrySet()) {
        for (YamlCursor item : e.getValue().items()) {
          String ref = item.text();
          if (ref != null) {
            pending.add(new Pending(r.text(), e.getKey(), ref, item));
          }
        }
      }
    }
  }

  /** The top-level {@code webhooks:}, by key. */
  void webhooks(YamlCursor c) {
    for (Map.Entry<String, YamlCursor> entry : c.entries().entrySet()) {
      String key = entry.getKey();
      YamlCursor at = entry.getValue();
      if (!Marker.NAME.matcher(key).matches()) {
        at.keyProblem(
            "webhook key '"
                + key
                + "' cannot be written into the webhook's marker [["
                + key
                + "]]; use letters, digits, '_', '-' or '.'");
      }
      Map<String, YamlCursor> k = at.entries(Keys.WEBHOOK);
      String name = StateReader.str(k, "name");
      if (name == null && at.isMapping()) {
        name = key;
      } else if (name != null && name.isBlank()) {
        k.get("name").problem("the webhook name is empty; leave the key out to use '" + key + "'");
      }
      String description = StateReader.str(k, "description");
      if (description != null && Marker.find(description).isPresent()) {
        k.get("description")
            .problem(
                "the description ends with a marker "
                    + Marker.find(description).get().text()
                    + "; the plugin appends the webhook's marker itself, remove it");
      }
      String url = StateReader.str(k, "url");
      if (url == null) {
        if (at.isMapping() && !at.misspelled("url")) {
          at.problem("missing 'url:' (where dbt Cloud posts the events, https://...)");
        }
      } else if (!isUrl(url)) {
        k.get("url")
            .problem(
                "'"
                    + url
                    + "' is not an absolute http(s) URL with a host; write e.g."
                    + " https://hooks.example.com/dbt (${env.NAME} for a secret part)");
      }
      Set<String> events = new TreeSet<>();
      if (k.containsKey("events")) {
        for (YamlCursor item : k.get("events").items()) {
          String event = item.text();
          if (event == null) {
            continue;
          }
          if (!AlertsSpec.WEBHOOK_EVENTS.contains(event)) {
            item.problem(
                "'"
                    + event
                    + "' is not a webhook event; "
                    + Suggestions.didYouMean(event, AlertsSpec.WEBHOOK_EVENTS)
                    + "use "
                    + String.join(", ", AlertsSpec.WEBHOOK_EVENTS));
          } else {
            events.add(event);
          }
        }
        if (k.get("events").items().isEmpty()) {
          k.get("events")
              .problem("events is empty; list at least one of " + AlertsSpec.WEBHOOK_EVENTS);
        }
      } else if (at.isMapping() && !at.misspelled("events")) {
        at.problem(
            "missing 'events:' (some of " + String.join(", ", AlertsSpec.WEBHOOK_EVENTS) + ")");
      }
      List<YamlCursor> refs = k.containsKey("jobs") ? k.get("jobs").items() : List.of();
      Boolean active = StateReader.bool(k, "active");
      webhooks.add(
          new WebhookDraft(
              key,
              name,
              description,
              url,
              List.copyOf(events),
              refs,
              active == null || active,
              at));
    }
  }

  /** The alerts, with every job key checked against the projects read. */
  AlertsSpec build(Map<String, ProjectSpec> projects) {
    for (Pending p : pending) {
      JobKey job = resolve(p.ref(), p.at(), projects, false);
      if (job != null) {
        jobs.get(p.recipient()).computeIfAbsent(p.event(), e -> new LinkedHashSet<>()).add(job);
      }
    }
    Map<String, NotificationSpec> notifications = new LinkedHashMap<>();
    recipients.forEach(
        (text, r) ->
            notifications.put(
                text,
                new NotificationSpec(r, jobs.getOrDefault(text, Map.of()), firstNamed.get(text))));
    Map<String, WebhookSpec> hooks = new LinkedHashMap<>();
    for (WebhookDraft w : webhooks) {
      List<JobKey> keys = new ArrayList<>();
      for (YamlCursor item : w.jobRefs()) {
        String ref = item.text();
        JobKey job = ref == null ? null : resolve(ref, item, projects, true);
        if (job != null && !keys.contains(job)) {
          keys.add(job);
        }
      }
      hooks.put(
          w.key(),
          new WebhookSpec(
              w.key(),
              w.name(),
              w.description(),
              w.url(),
              w.events(),
              keys,
              w.active(),
              w.at().position()));
    }
    return new AlertsSpec(notifications, hooks);
  }

  private void add(Recipient r, SourcePosition at, String event, JobKey job) {
    recipients.putIfAbsent(r.text(), r);
    firstNamed.putIfAbsent(r.text(), at);
    jobs.computeIfAbsent(r.text(), t -> new LinkedHashMap<>())
        .computeIfAbsent(event, e -> new LinkedHashSet<>())
        .add(job);
  }

  private static Recipient recipient(YamlCursor item) {
    String raw = item.text();
    if (raw == null) {
      return null;
    }
    String[] why = new String[1];
    Recipient r = Recipient.parse(raw, why);
    if (r == null) {
      item.problem(why[0]);
    }
    return r;
  }

  /** {@code project/job}, {@code job} (declared in one project only), or {@code project/*}. */
  private static JobKey resolve(
      String ref, YamlCursor at, Map<String, ProjectSpec> projects, boolean wildcard) {
    int slash = ref.indexOf('/');
    if (slash >= 0) {
      String project = ref.substring(0, slash);
      String job = ref.substring(slash + 1);
      ProjectSpec p = projects.get(project);
      if (p == null) {
        at.problem(
            "project '"
                + project
                + "' is not declared in this file; "
                + References.known(project, projects.keySet()));
        return null;
      }
      if ("*".equals(job)) {
        if (!wildcard) {
          at.problem(
              "'" + ref + "' names every job of a project; a notification names jobs one by one");
          return null;
        }
        return new JobKey(project, job);
      }
      if (!p.jobs().containsKey(job)) {
        at.problem(
            "job '"
                + job
                + "' is not declared in project "
                + project
                + "; "
                + References.known(job, p.jobs().keySet()));
        return null;
      }
      return new JobKey(project, job);
    }
    List<String> in =
        projects.values().stream()
            .filter(p -> p.jobs().containsKey(ref))
            .map(ProjectSpec::key)
            .toList();
    if (in.isEmpty()) {
      Set<String> all = new LinkedHashSet<>();
      projects.values().forEach(p -> all.addAll(p.jobs().keySet()));
      at.problem(
          "job '"
              + ref
              + "' is not declared in this file; "
              + References.known(ref, all)
              + " (write <project>/<job> for a job of another project)");
      return null;
    }
    if (in.size() > 1) {
      at.problem(
          "job key '"
              + ref
              + "' is declared in projects "
              + String.join(" and ", in)
              + "; write <project>/"
              + ref
              + " to say which");
      return null;
    }
    return new JobKey(in.get(0), ref);
  }

  /** An absolute http or https URL with a host (what dbt Cloud accepts as a client URL). */
  static boolean isUrl(String url) {
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && u.getHost() != null
          && !u.getHost().isBlank();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
