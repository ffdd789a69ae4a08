package dev.clerkvertx.graphql;

import dev.clerkvertx.config.GraphQLLimits;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

/**
 * Builds the executable schema from {@code graphql/schema.graphqls}: its fetchers, the
 * {@code @requires} directive, and the document gate in front of validation.
 */
public final class GraphQLFactory {
  private GraphQLFactory() {
  }

  /** The executable schema, built once at start-up and shared by every verticle (it is immutable). */
  public static GraphQLSchema schema(String schemaSdl) {
    TypeDefinitionRegistry types = new SchemaParser().parse(schemaSdl);
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
      .scalar(LongScalar.LONG)
      .directive(RequiresDirective.NAME, new RequiresDirective())
      .type("Query", QueryFetchers::wire)
      .build();
    return new SchemaGenerator().makeExecutableSchema(types, wiring);
  }

  /** One {@link GraphQL} per verticle (its own document cache), built at start, never per request. */
  public static GraphQL create(GraphQLSchema schema, GraphQLLimits limits, GraphQLEvents events) {
    return GraphQL.newGraphQL(schema).preparsedDocumentProvider(new DocumentGate(schema, limits, events)).build();
  }
}
