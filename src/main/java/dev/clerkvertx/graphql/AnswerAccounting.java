package dev.clerkvertx.graphql;

import dev.clerkvertx.config.GraphQLLimits;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.LightDataFetcher;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Keeps every GraphQL answer within its limits while it is built, whatever fields the schema has
 * and whoever wrote their fetchers. Before execution: no mutation over GET, and the arguments the
 * operation hands its fields ({@link EchoCost}) within {@code GRAPHQL_MAX_ARGUMENT_BYTES}. During
 * execution: every completed field adds its JSON bytes (key, value; braces for objects and lists), and
 * the heap its objects take, to the request's {@link AnswerTally}; once a limit is passed no further
 * data fetcher runs. At the end the errors are counted too, and a stopped answer is replaced whole by
 * its refusal, with no data: never an answer cut off half-way. Requests without a tally (none from the HTTP endpoint) pass.
 */
final class AnswerAccounting extends SimplePerformantInstrumentation {
  /**
   * Heap an answer's objects take beyond their JSON text. Measured (graphql-java 24, live heap after
   * GC): answers of 5,000 rows, 20,000 strings, 50,000 ints, 400 aliases, an introspection held 1.0 to
   * 12 times their JSON size, tiny fields costing most; with these constants the estimate was 0.78 to
   * 2.35 times what they held.
   */
  static final long PER_FIELD = 100;
  static final long PER_ELEMENT = 40;
  static final long PER_OBJECT = 80;

  private final GraphQLLimits limits;
  private final GraphQLEvents events;

  AnswerAccounting(GraphQLLimits limits, GraphQLEvents events) {
    this.limits = limits;
    this.events = events;
  }

  @Override
  public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
    return parameters.getExecutionInput().getGraphQLContext().get(AnswerTally.class);
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                       InstrumentationState state) {
    if (state instanceof AnswerTally tally) {
      ExecutionContext execution = parameters.getExecutionContext();
      OperationDefinition operation = execution.getOperationDefinition();
      if (operation.getOperation() == OperationDefinition.Operation.MUTATION
        && execution.getGraphQLContext().get(HttpMethod.class) == HttpMethod.GET) {
        throw abort(tally, DocumentRefusal.MUTATION_OVER_GET, -1);
      }
      long arguments = EchoCost.of(operation, execution.getFragmentsByName(), execution.getCoercedVariables().toMap());
      if (arguments > limits.maxArgumentBytes()) {
        throw abort(tally, DocumentRefusal.ARGUMENTS_TOO_LARGE, limits.maxArgumentBytes());
      }
    }
    return null;
  }

  @Override
  public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
                                                             InstrumentationState state) {
    if (!(state instanceof AnswerTally tally)) {
      return null;
    }
    // "key": value, as JSON: quotes, colon, comma
    long key = 4 + parameters.getExecutionStrategyParameters().getField().getResultKey().length();
    boolean leaf = GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(parameters.getField().getType()));
    return SimpleInstrumentationContext.whenCompleted((value, failure) -> {
      long json = key + (leaf ? JsonSize.of(value) : JsonSize.structure(value));
      tally.add(json, JsonSize.add(json, PER_FIELD + objects(value, 0)));
    });
  }

  /** Heap of the maps and lists of a completed value, beyond their JSON text (the leaves are their JSON). */
  static long objects(Object value, int depth) {
    if (depth > JsonSize.MAX_DEPTH) {
      return JsonSize.HUGE;
    }
    if (value instanceof Map<?, ?>) {
      return PER_OBJECT;
    }
    if (!(value instanceof Iterable<?> list)) {
      return 0;
    }
    long heap = PER_OBJECT;
    for (Object item : list) {
      heap = JsonSize.add(heap, PER_ELEMENT + objects(item, depth + 1));
      if (heap == JsonSize.HUGE) {
        return heap;
      }
    }
    return heap;
  }

  @Override
  public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                              InstrumentationState state) {
    if (!(state instanceof AnswerTally tally)) {
      return fetcher;
    }
    return fetcher instanceof LightDataFetcher<?> light ? new StoppableLight(light, tally) : new Stoppable(fetcher, tally);
  }

  @Override
  public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                      InstrumentationExecutionParameters parameters,
                                                                      InstrumentationState state) {
    if (!(state instanceof AnswerTally tally)) {
      return CompletableFuture.completedFuture(result);
    }
    for (GraphQLError error : result.getErrors()) {
      long json = 1 + JsonSize.of(error.toSpecification());
      tally.add(json, json);
    }
    AnswerTally.Stop stop = tally.stopped();
    if (stop == null) {
      return CompletableFuture.completedFuture(result);
    }
    events.refused(stop.reason());
    return CompletableFuture.completedFuture(new ExecutionResultImpl(stop.reason().error(stop.limit())));
  }

  private static AbortExecutionException abort(AnswerTally tally, DocumentRefusal reason, long limit) {
    tally.stop(reason, limit);
    return new AbortExecutionException(List.of(reason.error(limit)));
  }

  /** Runs the fetcher until the answer is stopped, then answers null at once. */
  private record Stoppable(DataFetcher<?> fetcher, AnswerTally tally) implements DataFetcher<Object> {
    @Override
    public Object get(DataFetchingEnvironment env) throws Exception {
      return tally.stopped() == null ? fetcher.get(env) : null;
    }
  }

  /** The same for property fetchers, keeping graphql-java's light path (no environment built). */
  private record StoppableLight(LightDataFetcher<?> fetcher, AnswerTally tally) implements LightDataFetcher<Object> {
    @Override
    public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env) throws Exception {
      return tally.stopped() == null ? fetcher.get(field, source, env) : null;
    }

    @Override
    public Object get(DataFetchingEnvironment env) throws Exception {
      return tally.stopped() == null ? fetcher.get(env) : null;
    }
  }
}
