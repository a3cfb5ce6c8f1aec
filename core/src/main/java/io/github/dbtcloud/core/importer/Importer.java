package io.github.dbtcloud.core.importer;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.config.AccountSpec;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.resource.ExportContext;
import io.github.dbtcloud.core.resource.Exported;
import io.github.dbtcloud.core.resource.Named;
import io.github.dbtcloud.core.resource.ReadContext;
import io.github.dbtcloud.core.resource.Reference;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Scope;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an account and writes the desired-state file for it. Every project-level kind reads all of
 * its objects ({@link ResourceKind#readAll}), names them ({@link ResourceKind#named}: keys are
 * derived here, per kind and project, in registry order, so a job sees its environment's key), and
 * exports them ({@link ResourceKind#export}); entries with the same section and key are merged (a
 * job's overrides into the job). Nothing is written to dbt Cloud.
 */
public final class Importer {

  /** The project sections in the order they are written. */
  private static final List<String> SECTIONS = List.of("environments", "env_vars", "jobs");

  private final WireApi client;
  private final List<ResourceKind<?>> kinds;

  /**
   * @param client the Admin API
   * @param kinds the kinds, in registry order (a kind after the kinds it refers to)
   */
  public Importer(WireApi client, List<ResourceKind<?>> kinds) {
    this.client = client;
    this.kinds = kinds.stream().filter(k -> k.scope() == Scope.PROJECT).toList();
  }

  /**
   * Reads the selected projects of the account and writes their file.
   *
   * @throws DbtCloudException when a selected project or environment is not in the account
   */
  public ImportedFile read(long accountId, ImportSelection selection) {
    List<Project> projects = selectProjects(accountId, selection);
    Map<Long, String> projectKeys =
        KeyNames.assign(
            "project", projects.stream().map(p -> new Named(p.id(), p.name(), null)).toList());
    List<ProjectRead> reads = new ArrayList<>();
    for (Project p : projects) {
      reads.add(new ProjectRead(accountId, p, projectKeys.get(p.id())));
    }
    Set<String> environmentsSeen = new LinkedHashSet<>();
    for (ProjectRead r : reads) {
      r.readAndName(selection, environmentsSeen);
    }
    List<String> missing =
        selection.environments().stream().filter(e -> !environmentsSeen.contains(e)).toList();
    if (!missing.isEmpty()) {
      throw new DbtCloudException(
          "dbt.import.environments: no environment named "
              + missing
              + " in the imported project(s) "
              + projectKeys.values()
              + "; give environment names (or the keys derived from them) as dbt Cloud shows"
              + " them, comma-separated");
    }
    YamlText.Block root = new YamlText.Block();
    root.entries.put("version", 1);
    root.block("account").entries.put("id", accountId);
    String host = host(client.baseUrl());
    if (host != null) {
      root.block("account").entries.put("host", host);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    SECTIONS.forEach(s -> counts.put(s, 0));
    Set<String> secrets = new LinkedHashSet<>();
    YamlText.Block projectsBlock = new YamlText.Block();
    for (ProjectRead r : reads) {
      YamlText.Block project = new YamlText.Block();
      project.entries.put("id", r.project.id());
      for (Exported e : r.export(reads)) {
        if (e.section().equals("ownership")) {
          root.block("ownership").entries.put(e.key(), e.fields().get("value"));
          root.block("ownership").comment(e.key(), e.comments());
          continue;
        }
        YamlText.Block section = project.block(e.section());
        if (e.section().equals("env_vars")) {
          section.entries.put(e.key(), e.fields().get("value"));
        } else {
          YamlText.Block entry = section.block(e.key());
          e.fields().forEach(entry.entries::put);
        }
        section.comment(e.key(), e.comments());
        collectSecrets(e.fields(), secrets);
      }
      for (String s : SECTIONS) {
        if (project.entries.containsKey(s)) {
          YamlText.Block b = (YamlText.Block) project.entries.remove(s);
          project.entries.put(s, b);
          counts.merge(s, b.entries.size(), Integer::sum);
        }
      }
      projectsBlock.entries.put(r.key, project);
      projectsBlock.comment(
          r.key, List.of("project " + r.project.id() + " \"" + r.project.name() + "\""));
    }
    if (root.entries.containsKey("ownership")) {
      Object ownership = root.entries.remove("ownership");
      root.entries.put("ownership", ownership);
    }
    root.entries.put("projects", projectsBlock);
    List<String> header = new ArrayList<>();
    header.add(
        "yaml-language-server: $schema=https://raw.githubusercontent.com/dbtcloud/dbt-maven-plugin/main/docs/dbt-cloud.schema.json");
    header.add(
        "Written by dbt:import from dbt Cloud account "
            + accountId
            + " ("
            + client.baseUrl()
            + ").");
    header.add(
        "Keys come from names; a job's id finds it until dbt:import -Ddbt.import.adopt=true writes");
    header.add("its marker. Only values that differ from dbt Cloud's defaults are written.");
    if (!secrets.isEmpty()) {
      header.add(
          "Secrets are placeholders, never values: export " + String.join(", ", secrets) + ".");
    }
    return new ImportedFile(
        YamlText.write(header, root), reads.size(), counts, List.copyOf(secrets));
  }

  private static void collectSecrets(Object value, Set<String> out) {
    if (value instanceof Exported.Verbatim v) {
      out.add(v.text().replace("${env.", "").replace("}", ""));
    } else if (value instanceof Map<?, ?> m) {
      m.values().forEach(x -> collectSecrets(x, out));
    }
  }

  /** The host to write as {@code account.host}: none for a local emulator. */
  private static String host(String baseUrl) {
    try {
      URI uri = URI.create(baseUrl);
      String h = uri.getHost();
      if (h == null || h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]")) {
        return null;
      }
      return h;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private List<Project> selectProjects(long accountId, ImportSelection selection) {
    List<Project> all = new ArrayList<>();
    for (Map<String, Object> p :
        client.list("api/v3/accounts/" + accountId + "/projects/", Map.of())) {
      all.add(new Project(p));
    }
    if (selection.projects().isEmpty()) {
      return all;
    }
    List<Project> out = new ArrayList<>();
    for (String wanted : selection.projects()) {
      List<Project> match =
          all.stream()
              .filter(
                  p ->
                      wanted.equals(String.valueOf(p.id()))
                          || wanted.equals(p.name())
                          || wanted.equals(KeyNames.slug(p.name())))
              .toList();
      if (match.isEmpty()) {
        throw new DbtCloudException(
            "dbt.projects: no project '"
                + wanted
                + "' in account "
                + accountId
                + " at "
                + client.baseUrl()
                + "; visible projects: "
                + all.stream().map(p -> "\"" + p.name() + "\" (id " + p.id() + ")").toList()
                + ". Give a project's id or name");
      }
      match.stream().filter(p -> !out.contains(p)).forEach(out::add);
    }
    all.removeIf(p -> !out.contains(p));
    return all;
  }

  /** One project: its kinds' parts, the keys they gave, and the export. */
  private final class ProjectRead implements ReadContext, ExportContext {
    private final Project project;
    private final String key;
    private final DesiredState desired;
    private final ProjectSpec spec;
    private final Map<ResourceKind<?>, Object> parts = new LinkedHashMap<>();
    private final Map<String, Map<Long, String>> keys = new LinkedHashMap<>();
    private List<ProjectRead> all = List.of();

    ProjectRead(long accountId, Project project, String key) {
      this.project = project;
      this.key = key;
      this.spec =
          new ProjectSpec(
              key, project.id(), null, Map.of(), Map.of(), Map.of(), SourcePosition.NONE);
      this.desired =
          new DesiredState(
              1,
              new AccountSpec(accountId, null, SourcePosition.NONE),
              OwnershipSpec.defaults(),
              Map.of(key, spec),
              Optional.empty(),
              Optional.empty(),
              List.of(),
              List.of(),
              "");
    }

    void readAndName(ImportSelection selection, Set<String> environmentsSeen) {
      for (ResourceKind<?> kind : kinds) {
        Object part = kind.readAll(this);
        if (part != null) {
          parts.put(kind, part);
          List<Named> named = named(kind, part);
          if (kind.name().equals("environment") && !selection.environments().isEmpty()) {
            Map<Long, String> derived = KeyNames.assign(kind.name(), named);
            named =
                named.stream()
                    .filter(
                        n -> {
                          boolean in =
                              selection.environments().contains(n.name())
                                  || selection.environments().contains(derived.get(n.id()));
                          if (in) {
                            environmentsSeen.add(
                                selection.environments().contains(n.name())
                                    ? n.name()
                                    : derived.get(n.id()));
                          }
                          return in;
                        })
                    .toList();
          }
          keys.put(kind.name(), KeyNames.assign(kind.name(), named));
        }
      }
    }

    List<Exported> export(List<ProjectRead> reads) {
      this.all = reads;
      List<Exported> out = new ArrayList<>();
      parts.forEach((kind, part) -> out.addAll(export(kind, part)));
      return out;
    }

    @SuppressWarnings("unchecked")
    private <S> List<Named> named(ResourceKind<S> kind, Object part) {
      return kind.named((S) part, this);
    }

    @SuppressWarnings("unchecked")
    private <S> List<Exported> export(ResourceKind<S> kind, Object part) {
      return kind.export((S) part, this);
    }

    // ReadContext

    @Override
    public WireApi api() {
      return client;
    }

    @Override
    public DesiredState desired() {
      return desired;
    }

    @Override
    public ProjectSpec project() {
      return spec;
    }

    @Override
    public Project remoteProject() {
      return project;
    }

    @Override
    public long accountId() {
      return desired.account().id();
    }

    @Override
    public long projectId() {
      return project.id();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> S part(ResourceKind<S> kind) {
      return (S) parts.get(kind);
    }

    @Override
    public List<Reference> referencesTo(ResourceKind<?> kind) {
      return List.of();
    }

    // ExportContext

    @Override
    public String projectKey() {
      return key;
    }

    @Override
    public String keyOf(ResourceKind<?> kind, Long id) {
      return id == null ? null : keys.getOrDefault(kind.name(), Map.of()).get(id);
    }

    @Override
    public String keyElsewhere(ResourceKind<?> kind, Long id) {
      for (ProjectRead other : all) {
        String k = other == this ? null : other.keyOf(kind, id);
        if (k != null) {
          return other.key + "/" + k;
        }
      }
      return null;
    }
  }
}
