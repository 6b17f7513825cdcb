package io.gust.server;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the route for a method and path, in the order routes were added (the first match wins,
 * as in Tornado's Application). HEAD falls back to the GET route. No match for the path answers
 * 404; a path matched only for other methods answers 405 with {@code Allow}. Immutable.
 */
final class Router {
  private static final Match NOT_FOUND = new Match(null, null, Response.of(404, "not found\n"));

  private final List<Route> routes;
  /** Per route, its match without captured groups, shared by every request it matches. */
  private final Match[] plainMatches;

  Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
    this.plainMatches = new Match[routes.size()];
    for (int i = 0; i < plainMatches.length; i++) {
      plainMatches[i] = new Match(this.routes.get(i), List.of(), null);
    }
  }

  /** The outcome of a lookup: a route and its groups, or the status to answer with. */
  static final class Match {
    final Route route;
    final List<String> groups;
    final Response refusal;

    private Match(Route route, List<String> groups, Response refusal) {
      this.route = route;
      this.groups = groups;
      this.refusal = refusal;
    }
  }

  Match find(String method, String path) {
    Set<String> allowed = null;
    Match headFallback = null;
    for (int i = 0; i < plainMatches.length; i++) {
      Route route = routes.get(i);
      List<String> groups = route.match(path);
      if (groups == null) {
        continue;
      }
      if (route.allowsMethod(method)) {
        return groups.isEmpty() ? plainMatches[i] : new Match(route, groups, null);
      }
      if (headFallback == null && method.equals("HEAD") && route.allowsMethod("GET")) {
        headFallback = new Match(route, groups, null);
      }
      if (allowed == null) {
        allowed = new TreeSet<>();
      }
      allowed.add(route.method());
    }
    if (headFallback != null) {
      return headFallback;
    }
    if (allowed == null) {
      return NOT_FOUND;
    }
    if (allowed.contains("GET")) {
      allowed.add("HEAD");
    }
    Response refusal = Response.of(405, "method not allowed\n")
        .withHeader("Allow", String.join(", ", allowed));
    return new Match(null, null, refusal);
  }
}
