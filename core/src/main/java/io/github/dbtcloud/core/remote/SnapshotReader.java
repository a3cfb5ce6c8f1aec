package io.github.dbtcloud.core.remote;

import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.resource.ReadContext;
import io.github.dbtcloud.core.resource.Reference;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Scope;
import io.github.dbtcloud.core.resource.ScopeException;
import io.github.dbtcloud.core.resource.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads the snapshot for a desired state with as few requests as the API allows: one request per
 * project to find it, then every kind's listing of every project at the same time (a kind that
 * needs another's part waits for it), each in 100-item pages read in parallel. About ceil(N/100)
 * requests per kind and two round trips, however large the account (one for the jobs, whose pages
 * the file foretells). Each kind then checks its part against the others' (a job in an environment
 * the listing lacks stops here).
 */
public final class SnapshotReader {

  /** Listings read at the same time. */
  static final int PARALLELISM = 4;

  private final WireApi client;
  private final List<ResourceKind<?>> kinds;

  /**
   * @param client the Admin API
   * @param kinds the kinds to read
   */
  public SnapshotReader(WireApi client, List<ResourceKind<?>> kinds) {
    this.client = client;
    this.kinds = List.copyOf(kinds);
  }

  /**
   * Reads the projects with the given keys (all of the file's when empty), and the account-level
   * kinds.
   *
   * @throws ScopeException when a project cannot be seen or its listings contradict each other
   */
  public Snapshot read(DesiredState desired, Set<String> projectKeys) {
    long account = desired.account().id();
    List<ProjectSpec> specs =
        desired.projects().values().stream()
            .filter(p -> projectKeys.isEmpty() || projectKeys.contains(p.key()))
            .toList();
    client.expectPages(specs.stream().mapToInt(SnapshotReader::pagesAfterTheFirst).sum());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            PARALLELISM,
            r -> {
              Thread t = new Thread(r, "dbt-cloud-snapshot");
              t.setDaemon(true);
              return t;
            });
    try {
      // The listings of a project the file names by id start at once, while this thread finds the
      // projects (a listing of a project found by name waits for it): one round trip, not two.
      CompletableFuture<Map<String, Project>> found = new CompletableFuture<>();
      Map<String, ScopeRead> scopes = new LinkedHashMap<>();
      for (ProjectSpec spec : specs) {
        scopes.put(spec.key(), new ScopeRead(desired, spec, found, pool));
      }
      if (kinds.stream().anyMatch(k -> k.scope() == Scope.ACCOUNT)) {
        scopes.put(ResourceAddress.ACCOUNT, new ScopeRead(desired, null, found, pool));
      }
      scopes.values().forEach(ScopeRead::start);
      Map<String, Project> projects;
      try {
        projects = new Projects(client).find(account, specs);
      } catch (RuntimeException e) {
        found.completeExceptionally(e);
        throw e;
      }
      found.complete(projects);
      Map<String, Map<ResourceKind<?>, Object>> parts = new LinkedHashMap<>();
      scopes.forEach((key, scope) -> parts.put(key, scope.finish()));
      return new Snapshot(account, client.baseUrl(), projects, parts);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The pages a project's listings will likely need after their first ones, from the file: an
   * account in step with its file lists about as many jobs and environments as the file declares.
   */
  private static int pagesAfterTheFirst(ProjectSpec project) {
    return morePages(project.jobs().size()) + morePages(project.environments().size());
  }

  private static int morePages(int objects) {
    return Math.max(0, (objects + AdminClient.PAGE_SIZE - 1) / AdminClient.PAGE_SIZE - 1);
  }

  /** The reads of one scope: each kind's part, started as soon as the parts it needs are in. */
  private final class ScopeRead implements ReadContext {
    private final DesiredState desired;
    private final ProjectSpec project;
    private final CompletableFuture<Map<String, Project>> found;
    private final ExecutorService pool;
    private final Scope scope;
    // written by the building thread only, read by the reads of kinds that wait for others
    private final Map<ResourceKind<?>, CompletableFuture<Object>> futures =
        new ConcurrentHashMap<>();
    private final List<ResourceKind<?>> order = new ArrayList<>();
    private Map<ResourceKind<?>, Object> read;

    ScopeRead(
        DesiredState desired,
        ProjectSpec project,
        CompletableFuture<Map<String, Project>> found,
        ExecutorService pool) {
      this.desired = desired;
      this.project = project;
      this.found = found;
      this.pool = pool;
      this.scope = project == null ? Scope.ACCOUNT : Scope.PROJECT;
    }

    void start() {
      kinds.stream().filter(k -> k.scope() == scope).forEach(this::future);
    }

    private CompletableFuture<Object> future(ResourceKind<?> kind) {
      CompletableFuture<Object> known = futures.get(kind);
      if (known != null) {
        return known;
      }
      CompletableFuture<Object> f;
      if (!kind.declared(this)) {
        f = CompletableFuture.completedFuture(null);
      } else {
        CompletableFuture<?>[] before =
            kind.readsAfter().stream().map(this::future).toArray(CompletableFuture[]::new);
        f = CompletableFuture.allOf(before).thenApplyAsync(v -> kind.read(this), pool);
      }
      futures.put(kind, f);
      order.add(kind);
      return f;
    }

    Map<ResourceKind<?>, Object> finish() {
      read = new LinkedHashMap<>();
      order.forEach(kind -> read.put(kind, await(futures.get(kind))));
      for (ResourceKind<?> kind : read.keySet()) {
        if (read.get(kind) != null) {
          read.put(kind, settle(kind));
        }
      }
      Map<ResourceKind<?>, Object> out = new LinkedHashMap<>();
      read.forEach(
          (k, v) -> {
            if (v != null) {
              out.put(k, v);
            }
          });
      return out;
    }

    @SuppressWarnings("unchecked")
    private <S> Object settle(ResourceKind<S> kind) {
      return kind.settle((S) read.get(kind), this);
    }

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
      return project;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Project remoteProject() {
      if (project == null) {
        return null;
      }
      Map<String, Project> projects =
          (Map<String, Project>) await((CompletableFuture<Object>) (CompletableFuture<?>) found);
      return projects.get(project.key());
    }

    @Override
    public long projectId() {
      return project != null && project.id() != null ? project.id() : remoteProject().id();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> S part(ResourceKind<S> kind) {
      CompletableFuture<Object> f = futures.get(kind);
      return f == null ? null : (S) await(f);
    }

    @Override
    public List<Reference> referencesTo(ResourceKind<?> kind) {
      List<Reference> out = new ArrayList<>();
      read.forEach(
          (other, part) -> {
            if (part != null && other != kind) {
              references(other, part).stream()
                  .filter(r -> r.kind().equals(kind.name()))
                  .forEach(out::add);
            }
          });
      return out;
    }

    @SuppressWarnings("unchecked")
    private <S> List<Reference> references(ResourceKind<S> kind, Object part) {
      return kind.references((S) part);
    }
  }

  private static Object await(CompletableFuture<Object> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading dbt Cloud", e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }
}
