package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.UnlockGoal;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Clears the apply lease of the file's projects, saying who held it: for a lease left by an apply
 * whose build was killed. Never needed after an apply that ended, even by failure or Ctrl-C.
 */
@Mojo(name = "unlock", threadSafe = true)
public class UnlockMojo extends AbstractDbtMojo {

  /** Project keys to unlock, comma-separated; empty unlocks every project of the file. */
  @Parameter(property = PropertyNames.PROJECTS)
  private String projects;

  @Inject
  public UnlockMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "unlock";
  }

  @Override
  protected void run(GoalContext context) {
    new UnlockGoal(keys()).run(context);
  }

  private Set<String> keys() {
    if (projects == null || projects.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(projects.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }
}
