package dev.clerkvertx.graphql;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;

/**
 * A mutation runs only over {@code POST} (GraphQL over HTTP): over {@code GET} a link or an image tag
 * could trigger it. Refused before any field runs, with 405, {@code Allow: POST} and a GraphQL error
 * whose {@code extensions.code} is {@code METHOD_NOT_ALLOWED}.
 */
final class PostOnlyMutations extends SimplePerformantInstrumentation {
  static final String CODE = "METHOD_NOT_ALLOWED";

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                       InstrumentationState state) {
    var execution = parameters.getExecutionContext();
    RoutingContext ctx = execution.getGraphQLContext().get(RoutingContext.class);
    if (execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION
      && ctx != null && ctx.request().method() != HttpMethod.POST) {
      ctx.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "POST");
      throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
        .message("Mutations are accepted over POST only").errorType(ErrorType.OperationNotSupported)
        .extensions(Map.of("code", CODE)).build()));
    }
    return super.beginExecuteOperation(parameters, state);
  }
}
