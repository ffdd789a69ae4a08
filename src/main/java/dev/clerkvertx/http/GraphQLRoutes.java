package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEdge;
import dev.clerkvertx.config.GraphQLLimits;
import dev.clerkvertx.ops.FailureLog;
import dev.clerkvertx.graphql.GraphQLEndpoint;
import dev.clerkvertx.graphql.GraphQLEvents;
import dev.clerkvertx.graphql.GraphQLFactory;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /graphql}: GraphQL over HTTP, {@code GET} and {@code POST}, behind the auth edge (with
 * GraphQL-shaped failure bodies). One executable {@link GraphQL} per event loop, over the one schema.
 */
public final class GraphQLRoutes implements RouteContributor {
  private static final Logger FETCHERS = LoggerFactory.getLogger("dev.clerkvertx.graphql.fetchers");

  private final GraphQLSchema schema;
  private final GraphQLLimits limits;
  private final GraphQLEvents events;

  private final FailureLog failures;

  /** @param failures where failing data fetchers are reported (a few a minute, then counted) */
  public GraphQLRoutes(GraphQLSchema schema, GraphQLLimits limits, GraphQLEvents events, FailureLog failures) {
    this.schema = schema;
    this.limits = limits;
    this.events = events;
    this.failures = failures;
  }

  @Override
  public void mount(Routing routing) {
    mountGraphQL(routing.router(), routing.auth().withGraphQLErrors(), routing.bodies(),
      GraphQLFactory.create(schema, limits, events,
        (path, failure) -> failures.error(FETCHERS, "GraphQL data fetcher failed at {}", path, failure)), limits, events);
  }

  /**
   * Two routes: authentication, then a POST that is not JSON is refused (415, unread), before any body
   * is buffered (Vert.x forbids a body handler after a user handler on one route); bodies are bounded in size and charged to the event loop's body
   * budget as they arrive, and never written to disk. {@code HEAD} is answered as a {@code GET} would be, without running the query.
   */
  private static void mountGraphQL(Router router, AuthEdge auth, BodyBudget bodies, GraphQL graphQL,
                                   GraphQLLimits limits, GraphQLEvents events) {
    router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST).handler(auth)
      .handler(GraphQLEndpoint::screen);
    router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST)
      .handler(bodies)
      .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
      .handler(ctx -> {
        if (ctx.request().method() == HttpMethod.HEAD) {
          ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end();
        } else {
          ctx.next();
        }
      })
      .handler(new GraphQLEndpoint(graphQL, limits, events));
  }
}
