package dev.clerkvertx.graphql;

import dev.clerkvertx.config.GraphQLLimits;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

import java.util.function.BiConsumer;

/**
 * Builds the executable schema from {@code graphql/schema.graphqls}: its fetchers, the
 * {@code @requires} directive, its custom scalars guarded, the document gate in front of validation,
 * the answer accounting around execution, and the report of failing fetchers.
 */
public final class GraphQLFactory {
  private GraphQLFactory() {
  }

  /**
   * One {@link GraphQL} per verticle, built at start, never per request.
   *
   * @param fetcherFailures told of every data fetcher that throws: the field's path and the failure
   */
  public static GraphQL create(String schemaSdl, GraphQLLimits limits, GraphQLEvents events,
                               BiConsumer<String, Throwable> fetcherFailures) {
    TypeDefinitionRegistry types = new SchemaParser().parse(schemaSdl);
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
      .scalar(LongScalar.LONG)
      .directive(RequiresDirective.NAME, new RequiresDirective())
      .type("Query", QueryFetchers::wire)
      .build();
    return build(new SchemaGenerator().makeExecutableSchema(types, wiring), limits, events, fetcherFailures);
  }

  /** The same around any executable schema (tests wire fields of their own). */
  static GraphQL build(GraphQLSchema executable, GraphQLLimits limits, GraphQLEvents events,
                       BiConsumer<String, Throwable> fetcherFailures) {
    GraphQLSchema schema = GuardedScalars.guard(executable);
    return GraphQL.newGraphQL(schema)
      .preparsedDocumentProvider(new DocumentGate(schema, limits, events))
      .instrumentation(new AnswerAccounting(limits, events))
      .defaultDataFetcherExceptionHandler(new FetcherFailures(fetcherFailures))
      .build();
  }
}
