package dev.clerkvertx.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.util.Locale;

/** A 64-bit integer scalar, for epoch seconds that GraphQL's 32-bit {@code Int} cannot hold past 2038. */
final class LongScalar {
  private LongScalar() {
  }

  static final GraphQLScalarType LONG = GraphQLScalarType.newScalar()
    .name("Long")
    .description("A 64-bit signed integer")
    .coercing(new Coercing<Long, Long>() {
      @Override
      public Long serialize(Object value, GraphQLContext context, Locale locale) {
        if (value instanceof Number n) {
          return n.longValue();
        }
        throw new CoercingSerializeException("not a number");
      }

      @Override
      public Long parseValue(Object input, GraphQLContext context, Locale locale) {
        if (input instanceof Number n) {
          return n.longValue();
        }
        throw new CoercingParseValueException("not a number");
      }

      @Override
      public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        if (input instanceof IntValue i) {
          return i.getValue().longValueExact();
        }
        throw new CoercingParseLiteralException("not an integer");
      }
    })
    .build();
}
