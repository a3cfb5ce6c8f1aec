package io.github.dbtcloud.core.remote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One snapshot of everything in scope: exactly the projects the desired state names.
 *
 * @param accountId the account
 * @param projects by the desired state's project key
 */
public record RemoteState(long accountId, Map<String, RemoteProject> projects) {

  public RemoteState {
    projects = Collections.unmodifiableMap(new LinkedHashMap<>(projects));
  }
}
