package dev.clerkvertx.graphql;

import dev.clerkvertx.config.GraphQLLimits;
import dev.clerkvertx.config.Resources;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.config.SettingValues;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The document gate on its own: what it measures, and that its cache is bounded in bytes. */
class DocumentGateTest {
  static final GraphQLLimits DEFAULTS = ServiceConfig.from(SettingValues.defaults(), 96L << 20).graphql();
  static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
    new SchemaParser().parse(Resources.text("graphql/clerk.graphqls") + Resources.text("graphql/demo.graphqls")),
    RuntimeWiring.newRuntimeWiring().scalar(LongScalar.LONG).build());

  static String introspection() throws IOException {
    try (InputStream in = DocumentGateTest.class.getResourceAsStream("/graphql/graphiql-introspection.graphql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static PreparsedDocumentEntry pass(DocumentGate gate, String query) {
    return gate.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), in -> {
      throw new AssertionError("the gate parses and validates by itself");
    }).join();
  }

  @Test
  void graphiqlIntrospectionQueryIsWellWithinTheDefaults() throws IOException {
    String query = introspection();
    DocumentShape shape = DocumentShape.of(Parser.parse(query));
    assertThat(shape.depth()).isEqualTo(14).isLessThan(DEFAULTS.maxDepth());
    assertThat(shape.fields()).isEqualTo(208).isLessThan(DEFAULTS.maxFields());
    assertThat(query.length()).isLessThan(DEFAULTS.maxQueryLength());
    assertThat(pass(new DocumentGate(SCHEMA, DEFAULTS, GraphQLEvents.NONE), query).hasErrors()).isFalse();
  }

  @Test
  void fieldsCountFragmentsEveryTimeTheyAreSpreadAndSaturate() {
    DocumentShape spreads = DocumentShape.of(Parser.parse(
      "{ me { ...F ...F ...F } } fragment F on Identity { userId orgId }"));
    assertThat(spreads.fields()).isEqualTo(1 + 3 * 2);
    StringBuilder chain = new StringBuilder("{ me { ...F1 } }");
    for (int level = 1; level < 40; level++) {
      chain.append(" fragment F").append(level).append(" on Identity {").append((" ...F" + (level + 1)).repeat(10)).append(" }");
    }
    chain.append(" fragment F40 on Identity { userId }");
    assertThat(DocumentShape.of(Parser.parse(chain.toString())).fields()).isGreaterThan(Long.MAX_VALUE / 8);
  }

  @Test
  void aFragmentSpreadingItselfEndsTheWalk() {
    DocumentShape cycle = DocumentShape.of(Parser.parse("{ me { ...A } } fragment A on Identity { userId ...B } "
      + "fragment B on Identity { orgId ...A }"));
    assertThat(cycle.fields()).isEqualTo(3);
  }

  @Test
  void nestingTooDeepForTheParserIsRefusedAsTooDeepAndCounted() {
    java.util.List<DocumentRefusal> refusals = new java.util.ArrayList<>();
    DocumentGate gate = new DocumentGate(SCHEMA, DEFAULTS, refusals::add);
    // far past the depth limit: the parser's own rule-depth bound stops it before the shape is measured
    String query = "{ __schema { types { " + "ofType { ".repeat(150) + "name" + " }".repeat(150) + " } } }";
    PreparsedDocumentEntry entry = pass(gate, query);
    assertThat(entry.getErrors()).hasSize(1);
    assertThat(entry.getErrors().get(0).getExtensions()).containsEntry("code", "QUERY_TOO_DEEP")
      .containsEntry("limit", (long) DEFAULTS.maxDepth());
    assertThat(refusals).containsExactly(DocumentRefusal.QUERY_TOO_DEEP);
  }

  @Test
  void cacheIsBoundedInEstimatedBytesAndSkipsLongDocuments() {
    GraphQLLimits small = new GraphQLLimits(DEFAULTS.maxBodyBytes(), DEFAULTS.maxQueryLength(), DEFAULTS.maxTokens(),
      DEFAULTS.maxOperations(), DEFAULTS.maxFragments(), DEFAULTS.maxDepth(), DEFAULTS.maxFields(), 256 * 1024,
      DEFAULTS.maxVariablesBytes(), DEFAULTS.maxArgumentBytes(), DEFAULTS.maxAnswerBytes(), DEFAULTS.answerBudgetBytes());
    DocumentGate gate = new DocumentGate(SCHEMA, small, GraphQLEvents.NONE);
    for (int i = 0; i < 500; i++) {
      pass(gate, "# " + i + " " + "x".repeat(4_000) + "\n{ me { userId } }");
      assertThat(gate.cachedBytes()).isLessThanOrEqualTo(small.documentCacheBytes());
    }
    assertThat(gate.cachedBytes()).isPositive();
    DocumentGate empty = new DocumentGate(SCHEMA, small, GraphQLEvents.NONE);
    pass(empty, "# " + "x".repeat(DocumentGate.MAX_CACHED_LENGTH) + "\n{ me { userId } }");
    assertThat(empty.cachedBytes()).isZero();
  }
}
