package dev.clerkvertx.graphql;

import dev.clerkvertx.config.GraphQLLimits;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Builds the schema from its parts ({@link SchemaPart}: SDL and fetchers, registered together), with
 * the service's own definitions ({@code graphql/clerk.graphqls}: {@code @requires}, {@code Long}),
 * and one executable {@link GraphQL} per event loop over it: its custom scalars guarded, the document
 * gate in front of validation, the answer accounting around execution (mutations refused over
 * {@code GET} among its refusals), and the report of failing fetchers.
 */
public final class GraphQLFactory {
  /** The service's definitions every part may use. */
  static final String SERVICE_SDL = "graphql/clerk.graphqls";

  private GraphQLFactory() {
  }

  /**
   * The one schema of the process, checked (a field that needs a fetcher and has none stops start-up
   * with an {@link IllegalStateException} naming it) and its custom scalars guarded, once for every
   * event loop. Reads a resource: call at start-up, off the event loops.
   */
  public static GraphQLSchema schema(List<SchemaPart> parts) {
    Consumer<Fetchers> none = f -> { };
    return GuardedScalars.guard(SchemaAssembly.build(SchemaPart.resource(SERVICE_SDL, none), parts));
  }

  /**
   * One {@link GraphQL} per verticle over the schema {@link #schema} built, at start, never per request.
   *
   * @param fetcherFailures told of every data fetcher that throws: the field's path and the failure
   */
  public static GraphQL create(GraphQLSchema schema, GraphQLLimits limits, GraphQLEvents events,
                               BiConsumer<String, Throwable> fetcherFailures) {
    return over(schema, limits, events, fetcherFailures);
  }

  /** The same around any executable schema (tests wire fields of their own), its scalars guarded here. */
  static GraphQL build(GraphQLSchema executable, GraphQLLimits limits, GraphQLEvents events,
                       BiConsumer<String, Throwable> fetcherFailures) {
    return over(GuardedScalars.guard(executable), limits, events, fetcherFailures);
  }

  private static GraphQL over(GraphQLSchema schema, GraphQLLimits limits, GraphQLEvents events,
                              BiConsumer<String, Throwable> fetcherFailures) {
    return GraphQL.newGraphQL(schema)
      .preparsedDocumentProvider(new DocumentGate(schema, limits, events))
      .instrumentation(new AnswerAccounting(limits, events))
      .defaultDataFetcherExceptionHandler(new FetcherFailures(fetcherFailures))
      .build();
  }
}
