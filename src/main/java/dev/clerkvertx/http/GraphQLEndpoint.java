package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEdge;
import dev.clerkvertx.config.GraphQLLimits;
import dev.clerkvertx.graphql.GraphQLEvents;
import dev.clerkvertx.graphql.GraphQLFactory;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.graphql.GraphQLHandler;

/**
 * {@code /graphql}: GraphQL over HTTP, {@code GET} and {@code POST}, behind the auth edge (with
 * GraphQL-shaped failure bodies). One executable {@link GraphQL} per event loop, over the one schema.
 */
public final class GraphQLEndpoint implements RouteContributor {
  private final GraphQLSchema schema;
  private final GraphQLLimits limits;
  private final GraphQLEvents events;

  public GraphQLEndpoint(GraphQLSchema schema, GraphQLLimits limits, GraphQLEvents events) {
    this.schema = schema;
    this.limits = limits;
    this.events = events;
  }

  @Override
  public void mount(Routing routing) {
    mountGraphQL(routing.router(), routing.auth().withGraphQLErrors(), routing.bodies(),
      GraphQLFactory.create(schema, limits, events), limits);
  }

  /**
   * Two routes: authentication runs before any body is buffered (Vert.x forbids a body handler after
   * a user handler on one route); bodies are bounded in size and charged to the event loop's body
   * budget as they arrive, and never written to disk. {@code HEAD} is answered as a {@code GET} would be, without running the query.
   */
  private static void mountGraphQL(Router router, AuthEdge auth, BodyBudget bodies, GraphQL graphQL,
                                   GraphQLLimits limits) {
    router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST).handler(auth);
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
      .handler(GraphQLHandler.create(graphQL));
  }
}
