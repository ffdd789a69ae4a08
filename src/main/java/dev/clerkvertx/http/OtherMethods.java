package dev.clerkvertx.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests whose path is routed, but not for their method (the router's 405): {@code OPTIONS} is
 * answered 204, any other method 405; both with {@code Allow} listing the methods routed for the
 * path. Vert.x computes that list but does not hand it to an error handler, so it is worked out here
 * from the routes' paths, once, when the routing table is complete.
 */
final class OtherMethods implements Handler<RoutingContext> {
  private static final List<HttpMethod> ORDER = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
    HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  private static final Pattern PARAM = Pattern.compile(":[A-Za-z0-9_]+");
  private static final Pattern REGEX_OPERATORS = Pattern.compile("([()$+.])");

  private record PathMethods(Predicate<String> path, Set<HttpMethod> methods) {
  }

  private final List<PathMethods> routes = new ArrayList<>();

  OtherMethods(Router router) {
    for (Route route : router.getRoutes()) {
      Set<HttpMethod> methods = route.methods();
      if (route.getPath() != null && methods != null && !methods.isEmpty()) {
        routes.add(new PathMethods(matcher(route), Set.copyOf(methods)));
      }
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    String allow = allowed(ctx.normalizedPath());
    ctx.response().putHeader(HttpHeaders.ALLOW, allow);
    if (ctx.request().method() == HttpMethod.OPTIONS) {
      ctx.response().setStatusCode(204).end();
    } else {
      Routes.status(ctx, 405);
    }
  }

  /** The routed methods of {@code path}, in a fixed order, OPTIONS last (always answered). */
  String allowed(String path) {
    StringBuilder allow = new StringBuilder();
    for (HttpMethod method : ORDER) {
      if (routes.stream().anyMatch(r -> r.methods().contains(method) && r.path().test(path))) {
        allow.append(method.name()).append(", ");
      }
    }
    return allow.append("OPTIONS").toString();
  }

  /** The route's path as Vert.x matches it: exact (a trailing slash tolerated), prefix ({@code *}), {@code :params}. */
  private static Predicate<String> matcher(Route route) {
    String path = route.getPath();
    if (route.isRegexPath()) {
      Matcher params = PARAM.matcher(REGEX_OPERATORS.matcher(path).replaceAll("\\\\$1"));
      String regex = params.replaceAll("[^/]+") + (route.isExactPath() ? (path.endsWith("/") ? "" : "/?") : ".*");
      Pattern pattern = Pattern.compile(regex);
      return p -> pattern.matcher(p).matches();
    }
    if (route.isExactPath()) {
      return p -> p.equals(path) || (!path.endsWith("/") && p.equals(path + "/"));
    }
    return p -> p.startsWith(path) || (path.endsWith("/") && p.equals(path.substring(0, path.length() - 1)));
  }
}
