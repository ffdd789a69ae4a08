package dev.clerkvertx.graphql;

/**
 * Why a GraphQL document was refused before validation. {@link #code()} is the error's stable
 * {@code extensions.code}; {@link #label()} the {@code reason} label of {@code clerk_graphql_refused_total}.
 */
public enum DocumentRefusal {
  QUERY_TOO_LARGE("QUERY_TOO_LARGE", "too_large", "the document is longer than %d characters"),
  TOO_MANY_TOKENS("TOO_MANY_TOKENS", "tokens", "the document has more than %d tokens"),
  TOO_MANY_OPERATIONS("TOO_MANY_OPERATIONS", "operations", "the document has more than %d operations"),
  TOO_MANY_FRAGMENTS("TOO_MANY_FRAGMENTS", "fragments", "the document has more than %d fragments"),
  QUERY_TOO_DEEP("QUERY_TOO_DEEP", "depth", "the document nests selections deeper than %d"),
  TOO_MANY_FIELDS("TOO_MANY_FIELDS", "fields", "the document selects more than %d fields, fragments expanded");

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
}
