package dev.clerkvertx.graphql;

import dev.clerkvertx.authz.Authorizer;
import dev.clerkvertx.authz.Decision;
import dev.clerkvertx.authz.Requirement;
import dev.clerkvertx.authz.Reverification;
import dev.clerkvertx.authz.RouteGuard;
import dev.clerkvertx.identity.ClerkIdentity;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * {@code @requires(role, permission, feature, plan, reverification)} on a field definition, wired
 * once: the field's fetcher runs only when {@link Authorizer} allows the caller. A denied field
 * resolves to {@code null} with an error at its path whose {@code extensions.code} is
 * {@code FORBIDDEN} (and {@code extensions.clerk_error} for a missing reverification); the rest of
 * the request still resolves. A bad argument (an unknown preset, nothing required) stops start-up.
 */
final class RequiresDirective implements SchemaDirectiveWiring {
  static final String NAME = "requires";

  @Override
  public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
    GraphQLFieldDefinition field = env.getElement();
    Requirement requirement = requirement(env.getAppliedDirective(NAME));
    FieldCoordinates coordinates = FieldCoordinates.coordinates(env.getFieldsContainer(), field);
    DataFetcher<?> original = env.getCodeRegistry().getDataFetcher(coordinates, field);
    DataFetcher<?> guarded = dfe -> {
      Decision decision = Authorizer.decide(identity(dfe), requirement);
      return decision instanceof Decision.Allowed ? original.get(dfe) : denied(dfe, decision);
    };
    env.getCodeRegistry().dataFetcher(coordinates, guarded);
    return field;
  }

  private static ClerkIdentity identity(DataFetchingEnvironment dfe) {
    return ClerkIdentity.of(dfe.getGraphQlContext().<RoutingContext>get(RoutingContext.class));
  }

  private static DataFetcherResult<Object> denied(DataFetchingEnvironment dfe, Decision decision) {
    Map<String, Object> extensions = decision instanceof Decision.ReverificationRequired r
      ? Map.of("code", "FORBIDDEN", "clerk_error", RouteGuard.reverificationError(r.missing()).getJsonObject("clerk_error").getMap())
      : Map.of("code", "FORBIDDEN");
    return DataFetcherResult.newResult().data(null)
      .error(GraphqlErrorBuilder.newError(dfe).message("Forbidden").extensions(extensions).build())
      .build();
  }

  private static Requirement requirement(GraphQLAppliedDirective directive) {
    String reverification = argument(directive, "reverification");
    return new Requirement(argument(directive, "role"), argument(directive, "permission"),
      argument(directive, "feature"), argument(directive, "plan"),
      reverification == null ? null : Reverification.preset(reverification));
  }

  private static String argument(GraphQLAppliedDirective directive, String name) {
    var argument = directive.getArgument(name);
    return argument == null ? null : argument.getValue();
  }
}
