package io.github.dbtcloud.core.resource.variable;

import io.github.dbtcloud.core.config.EnvVarSpec;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.ExportContext;
import io.github.dbtcloud.core.resource.Exported;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.Identity;
import io.github.dbtcloud.core.resource.KindPlan;
import io.github.dbtcloud.core.resource.PlanContext;
import io.github.dbtcloud.core.resource.ReadContext;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Scope;
import io.github.dbtcloud.core.resource.Unchanged;
import io.github.dbtcloud.core.resource.WriteContext;
import io.github.dbtcloud.core.resource.Written;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.environment.EnvironmentKind;
import io.github.dbtcloud.core.resource.environment.EnvironmentSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A project's environment variables (Admin API v3): a project-wide default and a value per
 * environment, matched by name. An environment's value is keyed by the environment's name in dbt
 * Cloud, so a variable waits for the create or rename of the environments it sets. A secret's value
 * comes back masked: it is written when missing, or when the build asks to rotate it.
 */
public final class EnvironmentVariableKind implements ResourceKind<EnvironmentVariables> {

  /** The one instance. */
  public static final EnvironmentVariableKind INSTANCE = new EnvironmentVariableKind();

  private EnvironmentVariableKind() {}

  /** Whether dbt Cloud treats a variable of this name as a secret. */
  public static boolean isSecret(String name) {
    return name.startsWith(EnvironmentVariable.SECRET_PREFIX);
  }

  @Override
  public String name() {
    return "environment_variable";
  }

  @Override
  public Scope scope() {
    return Scope.PROJECT;
  }

  @Override
  public boolean nestedFields() {
    return false;
  }

  @Override
  public boolean declared(ReadContext context) {
    return !context.project().envVars().isEmpty();
  }

  @Override
  public EnvironmentVariables read(ReadContext context) {
    return new EnvironmentVariableApi(context.api(), context.accountId(), context.projectId())
        .read();
  }

  @Override
  public int listed(EnvironmentVariables part) {
    return part.variables().size();
  }

  @Override
  public Map<String, Identity> identities(EnvironmentVariables part) {
    Map<String, Identity> out = new LinkedHashMap<>();
    part.variables().keySet().forEach(name -> out.put(name, new Identity(null, name)));
    return out;
  }

  @Override
  public KindPlan plan(PlanContext context) {
    KindPlan.Builder out = new KindPlan.Builder();
    if (context.options().selectsJobs()) {
      return out.build();
    }
    EnvironmentVariables vars =
        Optional.ofNullable(context.part(this)).orElse(EnvironmentVariables.none());
    for (EnvVarSpec spec : context.project().envVars().values()) {
      plan(context, spec, vars.variables().get(spec.name()), out);
    }
    return out.build();
  }

  private void plan(
      PlanContext context, EnvVarSpec spec, EnvironmentVariable current, KindPlan.Builder out) {
    ProjectSpec project = context.project();
    ResourceAddress address = context.address(this, spec.name());
    Map<String, String> wanted = new LinkedHashMap<>();
    if (spec.projectDefault() != null) {
      wanted.put(EnvironmentVariable.PROJECT, spec.projectDefault());
    }
    spec.perEnvironment()
        .forEach(
            (envKey, value) -> {
              EnvironmentSpec env = project.environments().get(envKey); // the loader has checked
              // an environment matched by id leaves its name to dbt Cloud: the scope is that name
              String name =
                  env.name() != null
                      ? env.name()
                      : context
                          .identities()
                          .of(context.address(EnvironmentKind.INSTANCE, envKey))
                          .name();
              wanted.put(name, value);
            });
    boolean secret = spec.secret();
    boolean rotate = context.options().rotateSecrets().contains(spec.name());
    EnvironmentVariable after =
        EnvironmentVariable.draft(context.accountId(), context.projectId(), spec.name());
    List<FieldChange> fields = new ArrayList<>();
    if (current == null) {
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        after = after.withValue(e.getKey(), e.getValue());
        FieldChange f = FieldChange.created(e.getKey(), e.getValue(), null);
        fields.add(secret ? f.asSensitive() : f);
      }
      out.change(new Change.Create(address, after, List.of(), fields, null));
      return;
    }
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      String scope = e.getKey();
      String now = current.valueIn(scope);
      // A secret comes back masked: it can only be known to be missing, not to differ.
      boolean differs = secret ? now == null || rotate : !Objects.equals(now, e.getValue());
      if (differs) {
        after = after.withValue(scope, e.getValue());
        FieldChange f = FieldChange.of(scope, now, e.getValue());
        fields.add(secret ? f.asSensitive() : f);
      }
    }
    if (fields.isEmpty()) {
      out.unchanged(new Unchanged(address, null, current.fingerprint()));
      return;
    }
    out.change(new Change.Update(address, current, after, List.of(), fields, null));
  }

  /**
   * A variable waits for the create or rename of the environments whose names it uses as scopes.
   */
  @Override
  public Set<ResourceAddress> waitsFor(Change change, List<Change> plan) {
    List<String> scopes = change.fields().stream().map(FieldChange::path).toList();
    Set<ResourceAddress> out = new LinkedHashSet<>();
    for (Change c : plan) {
      if (Objects.equals(c.address().project(), change.address().project())
          && c.after() instanceof Environment e
          && scopes.contains(e.name())) {
        out.add(c.address());
      }
    }
    return out;
  }

  @Override
  public Written write(Change change, WriteContext context) throws InterruptedException {
    EnvironmentVariable v = (EnvironmentVariable) change.after();
    EnvironmentVariableApi api =
        new EnvironmentVariableApi(context.api(), context.accountId(), v.projectId());
    if (change instanceof Change.Create) {
      WriteContext.Sent<EnvironmentVariable> answer =
          context.sendOnce(
              () -> {
                api.create(v);
                return v;
              },
              () -> Optional.ofNullable(api.read().variables().get(v.name())),
              "variable named " + v.name(),
              "the project's variables were read again");
      return new Written(Written.Effect.ADDED, null, answer.detail(null));
    }
    EnvironmentVariable now = api.read().variables().get(v.name());
    if (now == null) {
      throw WriteContext.gone(change);
    }
    api.update(now, v);
    return new Written(Written.Effect.CHANGED, null, "updated");
  }

  // ---------------------------------------------------------------- import

  @Override
  public EnvironmentVariables readAll(ReadContext context) {
    return read(context);
  }

  /**
   * Each variable: its project default alone as a value, else {@code project} and environment keys;
   * a secret's values as placeholders.
   */
  @Override
  public List<Exported> export(EnvironmentVariables part, ExportContext context) {
    Map<String, String> envKeys = new LinkedHashMap<>();
    EnvironmentSnapshot environments = context.part(EnvironmentKind.INSTANCE);
    if (environments != null) {
      for (Environment e : environments.all()) {
        String key = context.keyOf(EnvironmentKind.INSTANCE, e.id());
        if (key != null) {
          envKeys.put(e.name(), key);
        }
      }
    }
    List<Exported> out = new ArrayList<>();
    for (EnvironmentVariable v : part.variables().values()) {
      Map<String, Object> values = new LinkedHashMap<>();
      boolean several = v.values().values().stream().filter(Objects::nonNull).count() > 1;
      v.values()
          .forEach(
              (scope, value) -> {
                String key = EnvironmentVariable.PROJECT.equals(scope) ? scope : envKeys.get(scope);
                if (value != null && key != null) {
                  values.put(
                      key,
                      v.secret()
                          ? Exported.secret(
                              v.name(),
                              several && !EnvironmentVariable.PROJECT.equals(key) ? key : null)
                          : value);
                }
              });
      if (values.isEmpty()) {
        continue;
      }
      Object value =
          values.size() == 1 && values.containsKey(EnvironmentVariable.PROJECT)
              ? values.get(EnvironmentVariable.PROJECT)
              : values;
      out.add(
          new Exported(
              "env_vars",
              v.name(),
              Map.of("value", value),
              v.secret()
                  ? List.of(
                      "secret: dbt Cloud never shows its value; export "
                          + String.join(", ", placeholders(values))
                          + " before planning")
                  : List.of()));
    }
    return out;
  }

  private static List<String> placeholders(Map<String, Object> values) {
    return values.values().stream()
        .filter(x -> x instanceof Exported.Verbatim)
        .map(x -> ((Exported.Verbatim) x).text().replace("${env.", "").replace("}", ""))
        .distinct()
        .toList();
  }
}
