package io.github.dbtcloud.emulator.admin;

import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.util.Locale;

/** Token checks: {@code Authorization: Token x} or {@code Bearer x} (§A.2), scoped to one account. */
public final class Access {

  private Access() {}

  /** The account of the request's token; 401 {@code Invalid token.} when it is missing or unknown. */
  public static long account(ApiRequest request, EmulatorState state) {
    String header = request.authorization();
    if (header == null) {
      throw ApiError.invalidToken();
    }
    String[] parts = header.trim().split("\\s+", 2);
    if (parts.length != 2) {
      throw ApiError.invalidToken();
    }
    String scheme = parts[0].toLowerCase(Locale.ROOT);
    if (!scheme.equals("token") && !scheme.equals("bearer")) {
      throw ApiError.invalidToken();
    }
    return state.accountOfToken(parts[1]).orElseThrow(ApiError::invalidToken);
  }

  /**
   * Checks that the token may use the account in the path; another account's objects are "not
   * found" with the permissions hint, as dbt Cloud answers (§E.13).
   */
  public static long requireAccount(ApiRequest request, EmulatorState state) {
    long tokenAccount = account(request, state);
    long pathAccount = request.idParam("account_id");
    if (tokenAccount != pathAccount) {
      throw ApiError.notFound();
    }
    return pathAccount;
  }
}
