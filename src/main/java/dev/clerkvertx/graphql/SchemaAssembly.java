package dev.clerkvertx.graphql;

import graphql.language.ObjectTypeDefinition;
import graphql.language.SourceLocation;
import graphql.parser.MultiSourceReader;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.errors.SchemaProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Puts the schema together from the service's own definitions ({@code @requires}, {@code Long}) and
 * the parts, with their fetchers, and refuses, naming each field, a schema that would answer
 * {@code null} where a fetcher is missing: every field of {@code Query} and {@code Mutation} (the root
 * value is never the application's), every field guarded with {@code @requires}; and a fetcher for a
 * field no part declares. Subscriptions are not served.
 */
final class SchemaAssembly {
  private SchemaAssembly() {
  }

  static GraphQLSchema build(SchemaPart service, List<SchemaPart> parts) {
    TypeDefinitionRegistry types = new TypeDefinitionRegistry();
    Fetchers fetchers = new Fetchers();
    List<SchemaPart> all = new ArrayList<>();
    all.add(service);
    all.addAll(parts);
    for (SchemaPart part : all) {
      try {
        types.merge(new SchemaParser().parse(MultiSourceReader.newMultiSourceReader()
          .string(part.sdl(), part.name()).trackData(false).build()));
      } catch (SchemaProblem e) {
        throw new IllegalStateException("GraphQL schema part " + part.name() + ": " + e.getMessage(), e);
      }
      fetchers.collect(part);
    }
    for (String root : List.of("Query", "Mutation")) {
      // parts extend the roots; the roots themselves need not be declared by anyone
      if (types.getType(root).isEmpty() && types.objectTypeExtensions().containsKey(root)) {
        types.add(ObjectTypeDefinition.newObjectTypeDefinition().name(root).build());
      }
    }
    if (types.getType("Subscription").isPresent() || types.objectTypeExtensions().containsKey("Subscription")) {
      throw new IllegalStateException("GraphQL schema: subscriptions are not served (GraphQL over HTTP only); "
        + "remove type Subscription");
    }
    RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
      .scalar(LongScalar.LONG)
      .directive(RequiresDirective.NAME, new RequiresDirective());
    Map<String, List<Map.Entry<FieldCoordinates, DataFetcher<?>>>> byType = fetchers.registered().entrySet().stream()
      .collect(Collectors.groupingBy(e -> e.getKey().getTypeName()));
    byType.forEach((type, entries) -> wiring.type(type, builder -> {
      entries.forEach(e -> builder.dataFetcher(e.getKey().getFieldName(), e.getValue()));
      return builder;
    }));
    GraphQLSchema schema;
    try {
      schema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
    } catch (SchemaProblem e) {
      throw new IllegalStateException("GraphQL schema: " + e.getMessage(), e);
    }
    check(schema, fetchers);
    return schema;
  }

  private static void check(GraphQLSchema schema, Fetchers fetchers) {
    List<String> problems = new ArrayList<>();
    for (FieldCoordinates registered : fetchers.registered().keySet()) {
      if (!(schema.getType(registered.getTypeName()) instanceof GraphQLObjectType type)
        || type.getFieldDefinition(registered.getFieldName()) == null) {
        problems.add("a fetcher is registered for " + registered + " (" + fetchers.registeredBy(registered)
          + "), a field no schema part declares");
      }
    }
    for (GraphQLObjectType type : schema.getAllTypesAsList().stream().filter(GraphQLObjectType.class::isInstance)
      .map(GraphQLObjectType.class::cast).filter(t -> !t.getName().startsWith("__")).toList()) {
      boolean root = type == schema.getQueryType() || type == schema.getMutationType();
      for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
        boolean guarded = field.hasAppliedDirective(RequiresDirective.NAME);
        FieldCoordinates coordinates = FieldCoordinates.coordinates(type.getName(), field.getName());
        if ((root || guarded) && !fetchers.registered().containsKey(coordinates)) {
          problems.add("GraphQL field " + coordinates + where(field) + " has no fetcher: register one, in the "
            + "SchemaPart that declares it, with " + howToRegister(type.getName(), field.getName())
            + (guarded ? " (a field guarded with @requires and no fetcher answers null to every allowed caller)" : ""));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
  }

  private static String where(GraphQLFieldDefinition field) {
    SourceLocation at = field.getDefinition() == null ? null : field.getDefinition().getSourceLocation();
    return at == null || at.getSourceName() == null ? "" : " (" + at.getSourceName() + " line " + at.getLine() + ")";
  }

  private static String howToRegister(String type, String field) {
    return switch (type) {
      case "Query" -> "fetchers.query(\"" + field + "\", env -> ...)";
      case "Mutation" -> "fetchers.mutation(\"" + field + "\", env -> ...)";
      default -> "fetchers.field(\"" + type + "\", \"" + field + "\", env -> ...)";
    };
  }
}
