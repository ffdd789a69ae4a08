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

  /** One {@link GraphQL} per verticle, built at start, never per request. */
  public static GraphQL create(String schemaSdl, GraphQLLimits limits, GraphQLEvents events) {
    TypeDefinitionRegistry types = new SchemaParser().parse(schemaSdl);
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
      .scalar(LongScalar.LONG)
      .directive(RequiresDirective.NAME, new RequiresDirective())
      .type("Query", QueryFetchers::wire)
      .build();
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(types, wiring);
    return GraphQL.newGraphQL(schema).preparsedDocumentProvider(new DocumentGate(schema, limits, events)).build();
  }
}
