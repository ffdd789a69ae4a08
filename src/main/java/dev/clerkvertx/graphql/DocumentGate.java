package dev.clerkvertx.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.clerkvertx.config.GraphQLLimits;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.schema.GraphQLSchema;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Every GraphQL document passes here before graphql-java validates or executes it: refused unread
 * when too long, refused mid-parse past the token limit (or when nested far past the depth limit),
 * refused after parsing when it has too many operations or fragments or, fragments expanded, nests
 * too deep or selects too many fields. Only then is it validated. Refusals are GraphQL errors with a stable {@code extensions.code} (HTTP 200),
 * counted by {@link GraphQLEvents}. Documents that pass are cached by text, bounded by estimated
 * bytes; long ones are not cached. One instance per event loop.
 */
final class DocumentGate implements PreparsedDocumentProvider {
  /**
   * Estimated heap bytes of a cached document: its parsed tree measured 11 to 17 bytes per character
   * (GraphiQL's introspection query, 240 aliases) and about 1.4 KB for a tiny one, plus the text.
   */
  static final int BYTES_PER_CHAR = 24;
  static final int FIXED_BYTES = 1_536;
  /** Documents longer than this are parsed every time rather than cached. */
  static final int MAX_CACHED_LENGTH = 8 * 1024;

  private final GraphQLSchema schema;
  private final GraphQLLimits limits;
  private final GraphQLEvents events;
  private final ParserOptions parserOptions;
  private final Cache<String, PreparsedDocumentEntry> cache;

  DocumentGate(GraphQLSchema schema, GraphQLLimits limits, GraphQLEvents events) {
    this.schema = schema;
    this.limits = limits;
    this.events = events;
    this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(b -> b
      .maxCharacters(limits.maxQueryLength())
      .maxTokens(limits.maxTokens())
      .maxWhitespaceTokens(limits.maxQueryLength())
      // the grammar nests a few rules per selection level: room for the depth limit, no deeper
      .maxRuleDepth(Math.max(100, 10 * limits.maxDepth())));
    this.cache = limits.documentCacheBytes() == 0 ? null : Caffeine.newBuilder()
      .maximumWeight(limits.documentCacheBytes())
      .weigher((String query, PreparsedDocumentEntry entry) -> weight(query))
      .executor(Runnable::run)
      .build();
  }

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
    ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    String query = input.getQuery();
    if (query.length() > limits.maxQueryLength()) {
      return refuse(DocumentRefusal.QUERY_TOO_LARGE, limits.maxQueryLength());
    }
    PreparsedDocumentEntry cached = cache == null ? null : cache.getIfPresent(query);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    Document document;
    try {
      document = Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
        .parserOptions(parserOptions).locale(input.getLocale()).build());
    } catch (ParseCancelledException e) {
      return refuse(DocumentRefusal.TOO_MANY_TOKENS, limits.maxTokens());
    } catch (ParseCancelledTooDeepException e) {
      // nesting far past the depth limit stops the parser before the shape can be measured
      return refuse(DocumentRefusal.QUERY_TOO_DEEP, limits.maxDepth());
    } catch (InvalidSyntaxException e) {
      return remember(query, new PreparsedDocumentEntry(e.toInvalidSyntaxError()));
    }
    long operations = document.getDefinitions().stream().filter(OperationDefinition.class::isInstance).count();
    if (operations > limits.maxOperations()) {
      return refuse(DocumentRefusal.TOO_MANY_OPERATIONS, limits.maxOperations());
    }
    if (document.getDefinitions().stream().filter(FragmentDefinition.class::isInstance).count() > limits.maxFragments()) {
      return refuse(DocumentRefusal.TOO_MANY_FRAGMENTS, limits.maxFragments());
    }
    DocumentShape shape = DocumentShape.of(document);
    if (shape.depth() > limits.maxDepth()) {
      return refuse(DocumentRefusal.QUERY_TOO_DEEP, limits.maxDepth());
    }
    if (shape.fields() > limits.maxFields()) {
      return refuse(DocumentRefusal.TOO_MANY_FIELDS, limits.maxFields());
    }
    var errors = ParseAndValidate.validate(schema, document, input.getLocale());
    return remember(query, errors.isEmpty() ? new PreparsedDocumentEntry(document)
      : new PreparsedDocumentEntry(document, errors));
  }

  /** Estimated bytes the cache holds now (0 when off). */
  long cachedBytes() {
    return cache == null ? 0 : cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
  }

  private CompletableFuture<PreparsedDocumentEntry> remember(String query, PreparsedDocumentEntry entry) {
    if (cache != null && query.length() <= MAX_CACHED_LENGTH) {
      cache.put(query, entry);
    }
    return CompletableFuture.completedFuture(entry);
  }

  private CompletableFuture<PreparsedDocumentEntry> refuse(DocumentRefusal reason, long limit) {
    events.refused(reason);
    return CompletableFuture.completedFuture(new PreparsedDocumentEntry(reason.error(limit)));
  }

  static int weight(String query) {
    return FIXED_BYTES + BYTES_PER_CHAR * query.length();
  }
}
