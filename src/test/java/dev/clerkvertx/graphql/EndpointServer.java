package dev.clerkvertx.graphql;

import dev.clerkvertx.config.GraphQLLimits;
import dev.clerkvertx.support.Service;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The GraphQL endpoint as the service mounts it (screen, body, endpoint; no authentication), around a
 * schema a test wires itself, the way a team adds fields later; served on port 0 over a real socket.
 */
final class EndpointServer {
  final GraphQLEndpoint endpoint;
  final WebClient client;
  final List<DocumentRefusal> refused = new CopyOnWriteArrayList<>();
  final List<Throwable> fetcherFailures = new CopyOnWriteArrayList<>();

  EndpointServer(Vertx vertx, String sdl, RuntimeWiring wiring, GraphQLLimits limits) {
    var graphQL = GraphQLFactory.build(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring),
      limits, refused::add, (path, failure) -> fetcherFailures.add(failure));
    endpoint = new GraphQLEndpoint(graphQL, limits, refused::add);
    Router router = Router.router(vertx);
    router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST).handler(GraphQLEndpoint::screen);
    router.route("/graphql").handler(BodyHandler.create(false)).handler(endpoint);
    router.route().failureHandler(ctx -> ctx.response().setStatusCode(500).end("failed: " + ctx.failure()));
    int port = Service.await(vertx.createHttpServer().requestHandler(router).listen(0)).actualPort();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  HttpResponse<Buffer> post(String query) {
    return post(new JsonObject().put("query", query));
  }

  HttpResponse<Buffer> post(JsonObject body) {
    return Service.await(client.post("/graphql").sendJsonObject(body));
  }

  static String code(HttpResponse<Buffer> resp) {
    return resp.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
  }
}
