package io.github.dbtcloud.core.api;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the Semantic Layer GraphQL API of an account lives (docs/wire-format.md#hosts), derived
 * from the admin host so that users configure one URL.
 *
 * <ul>
 *   <li>cell-based {@code {prefix}.{cell}.dbt.com} -> {@code
 *       https://{prefix}.semantic-layer.{cell}.dbt.com/api/graphql}
 *   <li>legacy multi-tenant ({@code cloud.getdbt.com}, {@code emea.dbt.com}, {@code au.dbt.com})
 *       and single tenant {@code {ACCESS_URL}} -> {@code https://semantic-layer.{host}/api/graphql}
 *   <li>loopback (the local emulator) -> the same scheme, host and port, {@code /api/graphql}
 * </ul>
 */
public final class SemanticLayerUrls {

  /** The GraphQL path on the Semantic Layer host. */
  public static final String PATH = "/api/graphql";

  /** {@code ab123.us1.dbt.com}: an account prefix, then a cell such as us1, eu2, au1, jp1. */
  private static final Pattern CELL_HOST = Pattern.compile("([^.]+)\\.([a-z]{2}\\d+)\\.dbt\\.com");

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private SemanticLayerUrls() {}

  /**
   * The Semantic Layer URL for an admin base URL as {@link ClientSettings#normalise} returns it.
   */
  public static URI derive(URI adminBase) {
    String host = adminBase.getHost().toLowerCase(Locale.ROOT);
    String port = adminBase.getPort() < 0 ? "" : ":" + adminBase.getPort();
    if (LOOPBACK.contains(host)) {
      return URI.create(adminBase.getScheme() + "://" + adminBase.getHost() + port + PATH);
    }
    Matcher cell = CELL_HOST.matcher(host);
    if (cell.matches()) {
      return URI.create(
          "https://"
              + cell.group(1)
              + ".semantic-layer."
              + cell.group(2)
              + ".dbt.com"
              + port
              + PATH);
    }
    return URI.create("https://semantic-layer." + host + port + PATH);
  }

  /**
   * Turns a user's {@code semanticLayerUrl} ({@code ab123.semantic-layer.us1.dbt.com}, or a full
   * URL with a path) into a URL: https is added when missing and {@code /api/graphql} when there is
   * no path; plain http is allowed only on loopback.
   */
  public static URI override(String raw) {
    String s = raw.strip();
    if (!s.contains("://")) {
      s = "https://" + s;
    }
    URI uri;
    try {
      uri = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "semanticLayerUrl '"
              + raw
              + "' is not a valid URL; use e.g."
              + " https://ab123.semantic-layer.us1.dbt.com/api/graphql",
          e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "semanticLayerUrl '"
              + raw
              + "' has no host name; use e.g."
              + " https://ab123.semantic-layer.us1.dbt.com/api/graphql");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean loopback = LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
    if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
      throw new IllegalArgumentException(
          "semanticLayerUrl '"
              + raw
              + "' does not use https; the Semantic Layer is"
              + " only reached over https (plain http is allowed only for a local emulator on 127.0.0.1)");
    }
    String path =
        uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")
            ? PATH
            : uri.getRawPath();
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }
}
