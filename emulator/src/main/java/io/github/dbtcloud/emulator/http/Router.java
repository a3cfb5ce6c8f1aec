package io.github.dbtcloud.emulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The table of routes; the first whose method and template match answers. */
public final class Router {

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route. */
  public Router add(String method, String template, Route.Handler handler) {
    routes.add(new Route(method, template, handler));
    return this;
  }

  /** A route and its captured parameters. */
  public record Match(Route route, Map<String, String> params) {}

  /** Finds the route for a request, if any. */
  public Optional<Match> find(String method, String path) {
    for (Route route : routes) {
      if (route.method().equals(method)) {
        Optional<Map<String, String>> params = route.match(path);
        if (params.isPresent()) {
          return Optional.of(new Match(route, params.get()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a route serving the path spells it with a trailing slash (Django's paths do; the v3
   * webhook paths do not), so that a strict server redirects only where production would.
   */
  public boolean wantsTrailingSlash(String path) {
    return routes.stream().anyMatch(r -> r.template().endsWith("/") && r.match(path).isPresent());
  }

  /** Whether some route serves the path with another method (for 405 answers). */
  public boolean servesPath(String path) {
    return routes.stream().anyMatch(r -> r.match(path).isPresent());
  }
}
