package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.ImportGoal;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.core.importer.ImportSelection;
import java.io.File;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Reads a dbt Cloud account and writes the desired-state file for it: environments, variables
 * (secrets as {@code ${env.NAME}} placeholders) and jobs, keys derived from names, only what
 * differs from dbt Cloud's defaults. Never overwrites a file unless forced; with {@code adopt},
 * then writes the imported jobs' markers (showing the plan first). See docs/import.md.
 */
@Mojo(name = "import", threadSafe = true)
public class ImportMojo extends AbstractDbtMojo {

  /** The account to read; may be left out when the token sees exactly one account. */
  @Parameter(property = PropertyNames.ACCOUNT_ID)
  private String accountId;

  /** Where the file is written; by default the desired-state file the other goals read. */
  @Parameter(property = PropertyNames.IMPORT_FILE)
  private File importFile;

  /** Replace the file when it exists (it is never overwritten otherwise). */
  @Parameter(property = PropertyNames.IMPORT_FORCE, defaultValue = "false")
  private boolean force;

  /**
   * After writing the file, write the markers onto the jobs it found by id, showing the plan first.
   */
  @Parameter(property = PropertyNames.IMPORT_ADOPT, defaultValue = "false")
  private boolean adopt;

  /** Projects to import (ids or names), comma-separated; empty imports every project. */
  @Parameter(property = PropertyNames.PROJECTS)
  private String projects;

  /**
   * Environments to import (names), comma-separated, with the jobs that run in them; empty imports
   * every environment.
   */
  @Parameter(property = PropertyNames.IMPORT_ENVIRONMENTS)
  private String environments;

  @Inject
  public ImportMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "import";
  }

  @Override
  protected boolean readsDesiredState() {
    return false;
  }

  @Override
  protected void runWithoutDesiredState(Build build, Console console) {
    File target = importFile != null ? importFile : file;
    new ImportGoal(
            accountId(),
            new ImportSelection(list(projects), list(environments)),
            target.toPath(),
            force,
            adopt)
        .run(build, console, Time.system());
  }

  @Override
  protected void run(GoalContext context) {
    throw new IllegalStateException("dbt:import does not read the desired-state file");
  }

  private Long accountId() {
    if (accountId == null || accountId.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(accountId.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          PropertyNames.ACCOUNT_ID
              + " is '"
              + accountId
              + "', not an account id; give the number in dbt Cloud's URLs after /accounts/",
          e);
    }
  }

  private static Set<String> list(String csv) {
    return csv == null || csv.isBlank()
        ? Set.of()
        : Arrays.stream(csv.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }
}
