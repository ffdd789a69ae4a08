package dev.clerkvertx.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Long reads and writes 64-bit whole numbers; anything else is a coercion exception on every path. */
class LongScalarTest {
  @SuppressWarnings("unchecked")
  static final Coercing<Long, Long> LONG = (Coercing<Long, Long>) LongScalar.LONG.getCoercing();
  static final GraphQLContext CONTEXT = GraphQLContext.getDefault();
  static final BigInteger TWO_TO_63 = BigInteger.ONE.shiftLeft(63);

  static Long literal(Value<?> v) {
    return LONG.parseLiteral(v, CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT);
  }

  @Test
  void literalsWithinSixtyFourBitsAreRead() {
    assertThat(literal(new IntValue(TWO_TO_63.subtract(BigInteger.ONE)))).isEqualTo(Long.MAX_VALUE);
    assertThat(literal(new IntValue(TWO_TO_63.negate()))).isEqualTo(Long.MIN_VALUE);
    assertThat(literal(new IntValue(BigInteger.valueOf(1_700_000_000L)))).isEqualTo(1_700_000_000L);
  }

  @Test
  void everyOtherLiteralIsACoercionException() {
    for (Value<?> v : List.of(new IntValue(TWO_TO_63), new IntValue(TWO_TO_63.negate().subtract(BigInteger.ONE)),
      new IntValue(new BigInteger("99999999999999999999")), new IntValue(BigInteger.TEN.pow(5_000)),
      new FloatValue(new BigDecimal("1.5")), new StringValue("12"), new BooleanValue(true))) {
      assertThatThrownBy(() -> literal(v)).as(v.toString()).isInstanceOf(CoercingParseLiteralException.class);
    }
  }

  @Test
  void variablesAndAnswersTakeWholeNumbersOnly() {
    for (Object ok : List.<Object>of(5, 5L, (short) 5, new BigInteger("5"), 5.0, new BigDecimal("5.000"), 5e0f)) {
      assertThat(LONG.parseValue(ok, CONTEXT, Locale.ROOT)).as(ok.toString()).isEqualTo(5L);
      assertThat(LONG.serialize(ok, CONTEXT, Locale.ROOT)).as(ok.toString()).isEqualTo(5L);
    }
    assertThat(LONG.parseValue(9.223372036854775E18, CONTEXT, Locale.ROOT)).isEqualTo(9_223_372_036_854_774_784L);
    assertThat(LONG.parseValue(-0.0, CONTEXT, Locale.ROOT)).isZero();
    for (Object bad : List.<Object>of(TWO_TO_63, new BigInteger("99999999999999999999"), 1.5, 1e19, Double.POSITIVE_INFINITY,
      Double.NaN, Double.NEGATIVE_INFINITY, new BigDecimal("1e1000000000"), new BigDecimal("1e-1000000000"),
      "12", true, Map.of("a", 1), List.of(1))) {
      assertThatThrownBy(() -> LONG.parseValue(bad, CONTEXT, Locale.ROOT)).as(String.valueOf(bad))
        .isInstanceOf(CoercingParseValueException.class);
      assertThatThrownBy(() -> LONG.serialize(bad, CONTEXT, Locale.ROOT)).as(String.valueOf(bad))
        .isInstanceOf(CoercingSerializeException.class);
    }
  }
}
