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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * A 64-bit integer scalar, for epoch seconds that GraphQL's 32-bit {@code Int} cannot hold past 2038.
 * Whatever a client sends, every path answers a value or throws GraphQL's own coercion exception
 * (a GraphQL error, never a 500): out of range, fractional, not a number.
 */
final class LongScalar {
  private LongScalar() {
  }

  static final GraphQLScalarType LONG = GraphQLScalarType.newScalar()
    .name("Long")
    .description("A 64-bit signed integer")
    .coercing(new Coercing<Long, Long>() {
      @Override
      public Long serialize(Object value, GraphQLContext context, Locale locale) {
        Long v = exact(value);
        if (v == null) {
          throw new CoercingSerializeException("Expected a 64-bit integer");
        }
        return v;
      }

      @Override
      public Long parseValue(Object input, GraphQLContext context, Locale locale) {
        Long v = exact(input);
        if (v == null) {
          throw new CoercingParseValueException("Expected a 64-bit integer");
        }
        return v;
      }

      @Override
      public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        if (input instanceof IntValue i && i.getValue().bitLength() < Long.SIZE) {
          return i.getValue().longValue();
        }
        throw new CoercingParseLiteralException("Expected a 64-bit integer literal");
      }
    })
    .build();

  /** The value as a long when it is a whole number within range, else null. */
  static Long exact(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b) {
      return b.bitLength() < Long.SIZE ? b.longValue() : null;
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      BigDecimal d;
      try {
        d = value instanceof BigDecimal b ? b : new BigDecimal(((Number) value).doubleValue());
      } catch (NumberFormatException e) {
        // NaN, Infinity
        return null;
      }
      if (d.signum() == 0) {
        return 0L;
      }
      d = d.stripTrailingZeros();
      // whole, and at most 19 digits: only then is it converted
      if (d.scale() > 0 || d.precision() - d.scale() > 19) {
        return null;
      }
      BigInteger whole = d.toBigInteger();
      return whole.bitLength() < Long.SIZE ? whole.longValue() : null;
    }
    return null;
  }
}
