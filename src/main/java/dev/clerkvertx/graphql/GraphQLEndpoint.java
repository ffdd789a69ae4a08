package dev.clerkvertx.graphql;

import dev.clerkvertx.config.GraphQLLimits;
import dev.clerkvertx.identity.ClerkIdentity;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQL;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * GraphQL over HTTP at {@code /graphql}, in place of vertx-web-graphql's handler: {@code GET} reads
 * the query string, {@code POST} only a JSON body ({@link #screen} refuses other types with 415 before
 * the body is read; a POST's query string is never run). Malformed requests get 400 with
 * GraphQL-shaped errors; variables over {@code GRAPHQL_MAX_VARIABLES_BYTES} are refused before
 * parsing. Each execution carries an {@link AnswerTally} on this event loop's {@link AnswerBudget},
 * released once the answer is written. One instance per event loop.
 */
public final class GraphQLEndpoint implements Handler<RoutingContext> {
  private static final String APPLICATION_JSON = "application/json";

  private final GraphQL graphQL;
  private final GraphQLLimits limits;
  private final GraphQLEvents events;
  private final AnswerBudget budget;

  public GraphQLEndpoint(GraphQL graphQL, GraphQLLimits limits, GraphQLEvents events) {
    this.graphQL = graphQL;
    this.limits = limits;
    this.events = events;
    this.budget = new AnswerBudget(limits.answerBudgetBytes());
  }

  /** Before the body is buffered: a POST that is not JSON gets 415 unread (a CSRF "simple request" among them). */
  public static void screen(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.POST
      && !GraphQLRequest.isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
      refuse(ctx, 415, "Unsupported Media Type", "UNSUPPORTED_MEDIA_TYPE", "POST /graphql takes application/json");
      return;
    }
    ctx.next();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    GraphQLRequest request;
    try {
      request = method == HttpMethod.GET ? GraphQLRequest.fromQueryString(ctx.queryParams())
        : GraphQLRequest.fromJsonBody(ctx.body().buffer());
    } catch (GraphQLRequest.Invalid e) {
      refuse(ctx, 400, "Bad Request", "BAD_REQUEST", e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      // a query string Vert.x cannot decode (a bad %-escape)
      refuse(ctx, 400, "Bad Request", "BAD_REQUEST", "the query string is not well formed");
      return;
    }
    if (request.variables() != null && JsonSize.of(request.variables()) > limits.maxVariablesBytes()) {
      events.refused(DocumentRefusal.VARIABLES_TOO_LARGE);
      send(ctx, 200, Json.encodeToBuffer(new ExecutionResultImpl(
        DocumentRefusal.VARIABLES_TOO_LARGE.error(limits.maxVariablesBytes())).toSpecification()));
      return;
    }
    ClerkIdentity caller = ClerkIdentity.of(ctx);
    AnswerTally tally = new AnswerTally(budget, caller == null || caller.userId() == null ? "" : caller.userId(),
      limits.maxAnswerBytes());
    ExecutionInput.Builder input = ExecutionInput.newExecutionInput(request.query())
      .operationName(request.operationName())
      .graphQLContext(Map.of(RoutingContext.class, ctx, AnswerTally.class, tally, HttpMethod.class, method));
    if (request.variables() != null) {
      input.variables(request.variables());
    }
    if (request.extensions() != null) {
      input.extensions(request.extensions());
    }
    Future.fromCompletionStage(graphQL.executeAsync(input.build()), ctx.vertx().getOrCreateContext())
      .onComplete(done -> {
        if (done.failed()) {
          // not the document's doing: the generic failure handler answers 500 and logs it, rate-limited
          tally.release();
          ctx.fail(done.cause());
          return;
        }
        answer(ctx, tally, done.result());
      });
  }

  private void answer(RoutingContext ctx, AnswerTally tally, ExecutionResult result) {
    Buffer body;
    try {
      body = Json.encodeToBuffer(result.toSpecification());
    } catch (RuntimeException e) {
      tally.release();
      ctx.fail(e);
      return;
    }
    tally.encoded(body.length());
    AnswerTally.Stop stop = tally.stopped();
    DocumentRefusal reason = stop == null ? null : stop.reason();
    if (reason == DocumentRefusal.ANSWERS_BUSY) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
    } else if (reason == DocumentRefusal.MUTATION_OVER_GET) {
      ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
    }
    int status = reason == DocumentRefusal.ANSWERS_BUSY ? 503 : reason == DocumentRefusal.MUTATION_OVER_GET ? 405 : 200;
    if (ctx.response().ended() || ctx.response().closed()) {
      tally.release();
      return;
    }
    send(ctx, status, body).onComplete(written -> tally.release());
  }

  /** Bytes of answers this event loop holds now (being built or sent). */
  long answersInFlight() {
    return budget.used();
  }

  private static Future<Void> send(RoutingContext ctx, int status, Buffer body) {
    return ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body);
  }

  /** {@code {"message", "statusCode", "errors": [{"message", "extensions": {"code"}}]}}: HTTP- and GraphQL-shaped. */
  private static void refuse(RoutingContext ctx, int status, String reason, String code, String message) {
    send(ctx, status, new JsonObject().put("message", reason).put("statusCode", status)
      .put("errors", new JsonArray().add(new JsonObject().put("message", message)
        .put("extensions", new JsonObject().put("code", code)))).toBuffer());
  }
}
