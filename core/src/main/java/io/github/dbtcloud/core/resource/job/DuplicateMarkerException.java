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

  /**
   * @param byProject each project's duplicated markers (as messages name the project), each with
   *     the jobs that carry it
   * @param links each job's page in dbt Cloud, by id (may miss some)
   */
  public DuplicateMarkerException(
      Map<String, Map<String, List<Long>>> byProject, Map<Long, String> links) {
    super(message(byProject, links));
  }

  private static String message(
      Map<String, Map<String, List<Long>>> byProject, Map<Long, String> links) {
    if (byProject.size() == 1) {
      Map.Entry<String, Map<String, List<Long>>> only = byProject.entrySet().iterator().next();
      return message(only.getValue(), only.getKey(), links);
    }
    int markers = byProject.values().stream().mapToInt(Map::size).sum();
    StringBuilder out =
        new StringBuilder(
            markers
                + " markers are carried by more than one job, in "
                + byProject.size()
                + " projects:");
    byProject.forEach(
        (project, duplicates) -> {
          out.append("\n  project ").append(project).append(':');
          list(duplicates, links, "\n    ", out);
        });
    return out.append(FIX).toString();
  }

  private static final String FIX =
      "\nThe plugin cannot tell which one the file means, so nothing was planned. Keep one"
          + " job per marker: remove the marker from the description (or name) of the others,"
          + " or delete them in dbt Cloud.";

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
    list(duplicates, links, "\n  ", out);
    return out.append(FIX).toString();
  }

  private static void list(
      Map<String, List<Long>> duplicates,
      Map<Long, String> links,
      String indent,
      StringBuilder out) {
    duplicates.forEach(
        (marker, ids) -> {
          out.append(indent).append(marker).append(": jobs ");
          for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            out.append(i == 0 ? "" : ", ").append(id);
            String link = links.get(id);
            if (link != null) {
              out.append(" (").append(link).append(")");
            }
          }
        });
  }
}
