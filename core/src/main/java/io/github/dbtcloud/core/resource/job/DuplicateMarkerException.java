package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.DbtCloudException;
import java.util.List;
import java.util.Map;

/**
 * Several jobs in dbt Cloud carry the same marker, so the plugin cannot tell which one the file
 * means.
 */
public final class DuplicateMarkerException extends DbtCloudException {

  private static final long serialVersionUID = 1L;

  /**
   * @param duplicates each duplicated marker's text with the jobs that carry it
   * @param project how the project is named in messages
   * @param links each job's page in dbt Cloud, by id (may miss some)
   */
  public DuplicateMarkerException(
      Map<String, List<Long>> duplicates, String project, Map<Long, String> links) {
    super(message(duplicates, project, links));
  }

  private static String message(
      Map<String, List<Long>> duplicates, String project, Map<Long, String> links) {
    StringBuilder out =
        new StringBuilder(
            duplicates.size() == 1
                ? "A marker is carried by more than one job in project " + project + ":"
                : duplicates.size()
                    + " markers are carried by more than one job in project "
                    + project
                    + ":");
    duplicates.forEach(
        (marker, ids) -> {
          out.append("\n  ").append(marker).append(": jobs ");
          for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            out.append(i == 0 ? "" : ", ").append(id);
            String link = links.get(id);
            if (link != null) {
              out.append(" (").append(link).append(")");
            }
          }
        });
    return out.append(
            "\nThe plugin cannot tell which one the file means, so nothing was planned. Keep one"
                + " job per marker: remove the marker from the description (or name) of the others,"
                + " or delete them in dbt Cloud.")
        .toString();
  }
}
