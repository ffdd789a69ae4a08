package dev.clerkvertx.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated GraphQL documents by query text: clients send the same few queries over and
 * over, so parsing and validation are paid once per distinct query.
 */
public final class DocumentCache implements PreparsedDocumentProvider {
  private final Cache<String, PreparsedDocumentEntry> cache;

  public DocumentCache(int maxQueries) {
    this.cache = Caffeine.newBuilder().maximumSize(maxQueries).build();
  }

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
    ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    return CompletableFuture.completedFuture(cache.get(input.getQuery(), q -> parseAndValidate.apply(input)));
  }
}
