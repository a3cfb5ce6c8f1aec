package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.ClientSettings;
import io.github.dbtcloud.core.apply.Applier;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.apply.ApplyResult;
import io.github.dbtcloud.core.apply.StopSignal;
import io.github.dbtcloud.core.config.DesiredFiles;
import io.github.dbtcloud.core.importer.ImportSelection;
import io.github.dbtcloud.core.importer.ImportedFile;
import io.github.dbtcloud.core.importer.Importer;
import io.github.dbtcloud.core.plan.Planner;
import io.github.dbtcloud.core.plan.ResourceKinds;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dbt:import}: read the account and write the desired-state file for it (never over an
 * existing file unless forced); then, when asked to adopt, plan the written file with the markers
 * of the jobs it found by id, show that plan, and apply it, so that the jobs carry their keys.
 */
public final class ImportGoal {

  private final Long accountId;
  private final ImportSelection selection;
  private final Path file;
  private final boolean force;
  private final boolean adopt;

  /**
   * @param accountId the account, or null when the token sees exactly one
   * @param selection the projects and environments to import
   * @param file where the file is written
   * @param force replace an existing file
   * @param adopt write the markers onto the imported jobs afterwards
   */
  public ImportGoal(
      Long accountId, ImportSelection selection, Path file, boolean force, boolean adopt) {
    this.accountId = accountId;
    this.selection = selection;
    this.file = file;
    this.force = force;
    this.adopt = adopt;
  }

  /**
   * Imports, writes, and adopts when asked.
   *
   * @throws DbtCloudException when the file exists (and no force), the account or a selected
   *     project is not visible, or the adopt plan fails
   */
  public ImportedFile run(Build build, Console console, Time time) {
    if (Files.exists(file) && !force) {
      throw new DbtCloudException(
          file
              + " already exists, and dbt:import never overwrites a file: pass"
              + " -Ddbt.import.force=true to replace it, or -Ddbt.import.file=<another file> to"
              + " write elsewhere");
    }
    if (build.baseUrl() == null || build.baseUrl().isBlank()) {
      throw new DbtCloudException(
          "dbt:import needs the account's admin URL: pass -Ddbt.baseUrl=https://<your host>"
              + " (Account settings -> Access URLs), or -Ddbt.baseUrl=embedded to try it locally");
    }
    ImportedFile imported;
    try (AdminClient client =
        AdminClient.create(
            ClientSettings.of(build.baseUrl(), build.token(), build.userAgent())
                .withTime(time.sleeper(), time.clock()),
            console)) {
      long account = accountId != null ? accountId : onlyAccount(client);
      console.info("Reading dbt Cloud at " + client.baseUrl() + " (account " + account + ")");
      imported = new Importer(client, ResourceKinds.all()).read(account, selection);
      console.info("Read in " + client.requestCount() + " request(s).");
    }
    write(imported.text());
    console.info("Wrote " + file + ": " + imported.summary() + ".");
    if (!imported.secrets().isEmpty()) {
      console.info(
          "Secrets are written as placeholders; export "
              + String.join(", ", imported.secrets())
              + " before planning.");
    }
    if (adopt) {
      adopt(build, console, time);
    } else {
      console.info(
          "Next: 'mvn dbt:plan' should say 'No changes.'; then 'mvn dbt:import"
              + " -Ddbt.import.force=true -Ddbt.import.adopt=true' writes the jobs' markers.");
    }
    return imported;
  }

  private void adopt(Build build, Console console, Time time) {
    Build written =
        new Build(
            DesiredFiles.of(file),
            build.environment(),
            build.properties(),
            build.baseUrl(),
            build.token(),
            build.userAgent(),
            build.label(),
            build.outputDirectory(),
            build.verificationReport(),
            build.metricsReport());
    try (GoalContext context = GoalContext.open(written, console, time)) {
      console.info("");
      console.info("Adopting the imported jobs: their markers are written into dbt Cloud.");
      // jobs only: adopting writes markers, it never applies anything else the file says
      PlanOptions options =
          new PlanOptions(Set.of(), Set.of("*"), null, Set.of(), false).withAdopt(true);
      Planner.Planned planned = context.plan(options);
      PlanGoal.show(context, planned);
      if (planned.plan().isEmpty()) {
        return;
      }
      ApplyResult result =
          new Applier(
                  context.admin(),
                  console,
                  time.sleeper(),
                  ApplyOptions.defaults(),
                  new StopSignal())
              .applyUntilStopped(planned.plan(), time.hooks());
      console.info(result.summary());
    }
  }

  private static long onlyAccount(AdminClient client) {
    List<Map<String, Object>> accounts = client.list("api/v2/accounts/", Map.of());
    if (accounts.size() == 1 && accounts.get(0).get("id") instanceof Number id) {
      return id.longValue();
    }
    throw new DbtCloudException(
        "dbt:import: the token sees "
            + accounts.size()
            + " accounts at "
            + client.baseUrl()
            + (accounts.isEmpty()
                ? ""
                : " ("
                    + accounts.stream()
                        .map(a -> a.get("name") + " (id " + a.get("id") + ")")
                        .toList()
                    + ")")
            + "; pass -Ddbt.accountId=<id> (in dbt Cloud's URLs after /accounts/)");
  }

  private void write(String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
