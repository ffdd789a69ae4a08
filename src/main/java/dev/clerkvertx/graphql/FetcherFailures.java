package dev.clerkvertx.graphql;

import graphql.ExceptionWhileDataFetching;
import graphql.execution.SimpleDataFetcherExceptionHandler;

import java.util.function.BiConsumer;

/**
 * graphql-java's own handling of a data fetcher that throws (a field error at its path, the rest of
 * the request resolves), with the failure reported: graphql-java 24 logs nothing, so a broken fetcher
 * went unseen. The report goes to a rate-limited log, since a client can make a fetcher throw at will.
 */
final class FetcherFailures extends SimpleDataFetcherExceptionHandler {
  private final BiConsumer<String, Throwable> report;

  /** @param report told where (the field's path) and what failed */
  FetcherFailures(BiConsumer<String, Throwable> report) {
    this.report = report;
  }

  @Override
  protected void logException(ExceptionWhileDataFetching error, Throwable exception) {
    report.accept(String.valueOf(error.getPath()), exception);
  }
}
