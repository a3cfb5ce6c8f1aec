package io.github.dbtcloud.emulator.admin;

import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Token checks: {@code Authorization: Token x} or {@code Bearer x} (the spec allows both), scoped
 * to one account and, when the seed says so, to a list of projects. Whatever a token may not see is
 * "not found" with the permissions hint, as dbt Cloud answers
 * (https://github.com/dbt-labs/terraform-provider-dbtcloud/issues/537), never 403.
 */
public final class Access {

  private Access() {}

  /**
   * Who a token is.
   *
   * @param accountId the token's account
   * @param projects the projects it is limited to, or null for every project of the account
   */
  public record Principal(long accountId, Set<Long> projects) {

    /** Whether the token may see objects of this project. */
    public boolean covers(long projectId) {
      return projects == null || projects.contains(projectId);
    }
  }

  /** The request's token; 401 {@code Invalid token.} when it is missing, malformed or unknown. */
  public static Principal principal(ApiRequest request, EmulatorState state) {
    String token = token(request).orElseThrow(ApiError::invalidToken);
    long account = state.accountOfToken(token).orElseThrow(ApiError::invalidToken);
    return new Principal(account, state.projectScopeOfToken(token).orElse(null));
  }

  /**
   * The account of the request's token; 401 {@code Invalid token.} when it is missing or unknown.
   */
  public static long account(ApiRequest request, EmulatorState state) {
    return principal(request, state).accountId();
  }

  /** The token, and a check that it may use the account in the path (another account is a 404). */
  public static Principal requirePrincipal(ApiRequest request, EmulatorState state) {
    Principal principal = principal(request, state);
    if (principal.accountId() != request.idParam("account_id")) {
      throw ApiError.notFound();
    }
    return principal;
  }

  /**
   * Checks that the token may use the account in the path; another account's objects are "not
   * found" with the permissions hint, as dbt Cloud answers.
   */
  public static long requireAccount(ApiRequest request, EmulatorState state) {
    return requirePrincipal(request, state).accountId();
  }

  /** Whether the request's token may see objects of {@code projectId} (after the account check). */
  public static boolean covers(ApiRequest request, EmulatorState state, long projectId) {
    return requirePrincipal(request, state).covers(projectId);
  }

  /** 404 with the permissions hint unless the token may see objects of {@code projectId}. */
  public static void requireProject(ApiRequest request, EmulatorState state, long projectId) {
    if (!covers(request, state, projectId)) {
      throw ApiError.notFound();
    }
  }

  private static Optional<String> token(ApiRequest request) {
    String header = request.authorization();
    if (header == null) {
      return Optional.empty();
    }
    String[] parts = header.trim().split("\\s+", 2);
    if (parts.length != 2) {
      return Optional.empty();
    }
    String scheme = parts[0].toLowerCase(Locale.ROOT);
    if (!scheme.equals("token") && !scheme.equals("bearer")) {
      return Optional.empty();
    }
    return Optional.of(parts[1].trim());
  }
}
