package dev.clerkvertx.graphql;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.schema.idl.ScalarInfo;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import java.util.Locale;

import static graphql.util.TreeTransformerUtil.changeNode;

/**
 * Every custom scalar of the schema, ours and those users add later, fails the way graphql-java
 * expects: a scalar that throws anything but a GraphQL error while reading a literal or a variable, or
 * while writing an answer, has it turned into the matching coercion exception. graphql-java catches
 * only those; any other exception (an {@code ArithmeticException} on a huge literal) escaped
 * validation or execution and answered 500. The specification's scalars are left alone.
 */
final class GuardedScalars {
  private GuardedScalars() {
  }

  static GraphQLSchema guard(GraphQLSchema schema) {
    return SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
      @Override
      public TraversalControl visitGraphQLScalarType(GraphQLScalarType node, TraverserContext<GraphQLSchemaElement> context) {
        if (ScalarInfo.isGraphqlSpecifiedScalar(node) || node.getCoercing() instanceof Guarded<?, ?>) {
          return TraversalControl.CONTINUE;
        }
        return changeNode(context, node.transform(b -> b.coercing(new Guarded<>(node.getName(), node.getCoercing()))));
      }
    });
  }

  /** Delegates, converting stray exceptions; GraphQL errors pass unchanged. */
  private record Guarded<I, O>(String name, Coercing<I, O> inner) implements Coercing<I, O> {
    @Override
    public O serialize(Object value, GraphQLContext context, Locale locale) {
      try {
        return inner.serialize(value, context, locale);
      } catch (RuntimeException e) {
        throw e instanceof GraphQLError ? e : new CoercingSerializeException("Cannot write a value of " + name, e);
      }
    }

    @Override
    public I parseValue(Object input, GraphQLContext context, Locale locale) {
      try {
        return inner.parseValue(input, context, locale);
      } catch (RuntimeException e) {
        throw e instanceof GraphQLError ? e : new CoercingParseValueException("Not a valid " + name, e);
      }
    }

    @Override
    public I parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
      try {
        return inner.parseLiteral(input, variables, context, locale);
      } catch (RuntimeException e) {
        throw e instanceof GraphQLError ? e : new CoercingParseLiteralException("Not a valid " + name + " literal", e);
      }
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
      return inner.valueToLiteral(input, context, locale);
    }
  }
}
