package dev.clerkvertx.graphql;

/** What the GraphQL endpoint reports for metrics; called on event loops: keep it cheap. */
public interface GraphQLEvents {
  /** A document was refused by a limit. */
  void refused(DocumentRefusal reason);

  GraphQLEvents NONE = reason -> { };
}
