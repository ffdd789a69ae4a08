package dev.clerkvertx.graphql;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import java.util.Map;

/**
 * Why a GraphQL request was refused by a limit: its document before validation, its variables before
 * parsing, its arguments before execution, its answer while it was built. {@link #code()} is the error's stable
 * {@code extensions.code}; {@link #label()} the {@code reason} label of {@code clerk_graphql_refused_total}.
 */
public enum DocumentRefusal {
  QUERY_TOO_LARGE("QUERY_TOO_LARGE", "too_large", "the document is longer than %d characters"),
  TOO_MANY_TOKENS("TOO_MANY_TOKENS", "tokens", "the document has more than %d tokens"),
  TOO_MANY_OPERATIONS("TOO_MANY_OPERATIONS", "operations", "the document has more than %d operations"),
  TOO_MANY_FRAGMENTS("TOO_MANY_FRAGMENTS", "fragments", "the document has more than %d fragments"),
  QUERY_TOO_DEEP("QUERY_TOO_DEEP", "depth", "the document nests selections deeper than %d"),
  TOO_MANY_FIELDS("TOO_MANY_FIELDS", "fields", "the document selects more than %d fields, fragments expanded"),
  VARIABLES_TOO_LARGE("VARIABLES_TOO_LARGE", "variables", "the variables are larger than %d bytes of JSON"),
  ARGUMENTS_TOO_LARGE("ARGUMENTS_TOO_LARGE", "arguments",
    "the operation hands its fields more than %d bytes of arguments, counted at every field selection"),
  ANSWER_TOO_LARGE("ANSWER_TOO_LARGE", "answer", "the answer would be larger than %d bytes"),
  ANSWERS_BUSY("ANSWERS_BUSY", "answers_busy",
    "answers being sent fill this server's %d bytes for them; retry shortly"),
  MUTATION_OVER_GET("MUTATION_OVER_GET", "mutation_over_get", "a mutation must be sent with POST, not GET");

  private final String code;
  private final String label;
  private final String message;

  DocumentRefusal(String code, String label, String message) {
    this.code = code;
    this.label = label;
    this.message = message;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** The error message for this limit. */
  String message(long limit) {
    return String.format(message, limit);
  }

  /** This refusal as a GraphQL error: its message, {@code extensions.code}, and the limit when there is one. */
  GraphQLError error(long limit) {
    boolean beforeExecution = ordinal() <= VARIABLES_TOO_LARGE.ordinal();
    return GraphqlErrorBuilder.newError()
      .message(message(limit))
      .errorType(beforeExecution ? ErrorType.ValidationError : ErrorType.ExecutionAborted)
      .extensions(limit < 0 ? Map.of("code", code) : Map.of("code", code, "limit", limit))
      .build();
  }
}
