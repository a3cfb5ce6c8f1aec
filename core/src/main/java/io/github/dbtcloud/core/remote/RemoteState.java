package io.github.dbtcloud.core.remote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One snapshot of everything in scope: exactly the projects the desired state names (or the build
 * selects).
 *
 * @param accountId the account
 * @param host the host it was read from, for messages (null when unknown)
 * @param projects by the desired state's project key
 */
public record RemoteState(long accountId, String host, Map<String, RemoteProject> projects) {

  public RemoteState {
    projects = Collections.unmodifiableMap(new LinkedHashMap<>(projects));
  }

  /** A snapshot whose host is not known. */
  public RemoteState(long accountId, Map<String, RemoteProject> projects) {
    this(accountId, null, projects);
  }
}
