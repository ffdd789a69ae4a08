package dev.clerkvertx.graphql;

import dev.clerkvertx.config.GraphQLLimits;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;

import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the schema from its parts ({@link SchemaPart}: SDL and fetchers, registered together), with
 * the service's own definitions ({@code graphql/clerk.graphqls}: {@code @requires}, {@code Long}),
 * and one executable {@link GraphQL} per event loop over it, with the document gate in front of
 * validation and mutations refused over {@code GET}.
 */
public final class GraphQLFactory {
  /** The service's definitions every part may use. */
  static final String SERVICE_SDL = "graphql/clerk.graphqls";

  private GraphQLFactory() {
  }

  /**
   * The one schema of the process, checked: a field that needs a fetcher and has none stops start-up
   * with an {@link IllegalStateException} naming it. Reads a resource: call at start-up, off the event loops.
   */
  public static GraphQLSchema schema(List<SchemaPart> parts) {
    Consumer<Fetchers> none = f -> { };
    return SchemaAssembly.build(SchemaPart.resource(SERVICE_SDL, none), parts);
  }

  /** One {@link GraphQL} per verticle, built at start, never per request. */
  public static GraphQL create(GraphQLSchema schema, GraphQLLimits limits, GraphQLEvents events) {
    return GraphQL.newGraphQL(schema).preparsedDocumentProvider(new DocumentGate(schema, limits, events))
      .instrumentation(new PostOnlyMutations())
      .build();
  }
}
