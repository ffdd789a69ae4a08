package dev.clerkvertx.graphql;

import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.config.SettingValues;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team's own scalar that throws the wrong exceptions (here {@code IllegalArgumentException} on
 * every path), and a fetcher that throws: the client gets GraphQL errors with HTTP 200, never a 500;
 * the fetcher's failure is reported (to the rate-limited log in the service).
 */
@ExtendWith(VertxExtension.class)
class UserScalarsTest {
  static final String SDL = """
    scalar Weird
    type Query {
      echo(w: Weird): String
      out: Weird
      fails: String
    }
    """;
  static final GraphQLScalarType WEIRD = GraphQLScalarType.newScalar().name("Weird").coercing(new Coercing<Object, Object>() {
    @Override
    public Object serialize(Object value, GraphQLContext context, Locale locale) {
      throw new IllegalArgumentException("cannot write");
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
      throw new IllegalArgumentException("cannot read");
    }

    @Override
    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
      throw new ArithmeticException("cannot read either");
    }
  }).build();

  EndpointServer server;

  @BeforeEach
  void start(Vertx vertx) {
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().scalar(WEIRD)
      .type("Query", q -> q.dataFetcher("echo", env -> "echo").dataFetcher("out", env -> "anything")
        .dataFetcher("fails", env -> {
          throw new IllegalStateException("the database is down");
        }))
      .build();
    server = new EndpointServer(vertx, SDL, wiring, ServiceConfig.from(SettingValues.defaults(), 96L << 20).graphql());
  }

  static void assertGraphQLError(HttpResponse<Buffer> resp) {
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject().getJsonArray("errors")).as(resp.bodyAsString()).isNotEmpty();
  }

  @Test
  void aScalarThrowingTheWrongExceptionIsStillAGraphQLError() {
    assertGraphQLError(server.post("{ echo(w: 5) }"));
    assertGraphQLError(server.post("query($w: Weird = 5) { echo(w: $w) }"));
    assertGraphQLError(server.post(new JsonObject().put("query", "query($w: Weird) { echo(w: $w) }")
      .put("variables", new JsonObject().put("w", 1))));
    HttpResponse<Buffer> out = server.post("{ out }");
    assertGraphQLError(out);
    assertThat(out.bodyAsJsonObject().getJsonObject("data").getValue("out")).isNull();
  }

  @Test
  void aFailingFetcherIsAFieldErrorAndIsReported() {
    HttpResponse<Buffer> resp = server.post("{ fails echo }");
    assertGraphQLError(resp);
    assertThat(resp.bodyAsJsonObject().getJsonObject("data").getString("echo")).isEqualTo("echo");
    assertThat(server.fetcherFailures).singleElement().isInstanceOf(IllegalStateException.class);
  }
}
