package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.DbtCloudFailure;
import io.github.dbtcloud.core.identity.Marker;

/** Two remote jobs carry the same marker, so the plugin cannot tell which one the file means. */
public final class DuplicateMarkerException extends DbtCloudFailure {

  private static final long serialVersionUID = 1L;

  public DuplicateMarkerException(Marker marker, long firstId, long secondId) {
    super(
        "jobs "
            + firstId
            + " and "
            + secondId
            + " both carry the marker "
            + marker.text()
            + "; remove the marker from the description (or name) of the one the file should not manage");
  }
}
