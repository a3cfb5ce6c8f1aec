package io.github.dbtcloud.emulator.admin;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The dbt versions dbt Cloud offers for environments and jobs, as the Terraform provider documents
 * them
 * (https://github.com/dbt-labs/terraform-provider-dbtcloud/blob/main/pkg/framework/objects/environment/schema.go):
 * the release tracks, the Fusion tracks, and {@code 1.x}, {@code 1.x.0-latest} or {@code 1.x.0-pre}
 * for a pinned minor version. Old exact versions such as {@code 1.4.0} are no longer offered.
 */
final class DbtVersions {

  /** The named tracks, in the order a refusal lists them. */
  static final List<String> TRACKS =
      List.of(
          "latest",
          "compatible",
          "extended",
          "fallback",
          "versionless",
          "latest-fusion",
          "fusion-stable",
          "fusion-extended",
          "fusion-nightly",
          "fusion-fallback");

  private static final Pattern PINNED = Pattern.compile("1\\.\\d{1,2}(\\.0-(latest|pre))?");

  private DbtVersions() {}

  /** Whether dbt Cloud offers {@code version}. */
  static boolean offered(String version) {
    return TRACKS.contains(version) || PINNED.matcher(version).matches();
  }

  /** The 400 message for a version dbt Cloud does not offer. */
  static String refusal(String version) {
    return "\""
        + version
        + "\" is not a dbt version dbt Cloud offers; use one of "
        + String.join(", ", TRACKS)
        + ", or a pinned 1.x, 1.x.0-latest or 1.x.0-pre (e.g. 1.9.0-latest).";
  }
}
