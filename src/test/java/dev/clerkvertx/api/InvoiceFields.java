package dev.clerkvertx.api;

import dev.clerkvertx.graphql.SchemaPart;

import java.util.Map;

/** README "Add your API", verbatim: a guarded field and a guarded mutation, with their fetchers. */
public final class InvoiceFields {
  private InvoiceFields() {
  }

  public static SchemaPart part() {
    return SchemaPart.resource("graphql/invoices.graphqls", fetchers -> fetchers
      .query("invoice", env -> Map.of("id", env.<String>getArgument("id"), "total", 100))
      .mutation("payInvoice", env -> Map.of("id", env.<String>getArgument("id"), "total", 0)));
  }
}
