package dev.clerkvertx.graphql;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Map;

/**
 * One GraphQL-over-HTTP request as the client sent it: from the query string of a GET, from the JSON
 * body of a POST (never from a POST's query string, which a cross-site form or {@code text/plain}
 * request could carry). Nothing else is read: no client-chosen root value, no batches. Malformed
 * input is an {@link Invalid} with a message for the client, never another exception.
 */
record GraphQLRequest(String query, String operationName, Map<String, Object> variables, Map<String, Object> extensions) {

  /** What is wrong with the request, said to the client (400). */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  static GraphQLRequest fromQueryString(MultiMap params) throws Invalid {
    String query = params.get("query");
    if (query == null) {
      throw new Invalid("a GET request needs a query parameter");
    }
    return new GraphQLRequest(query, params.get("operationName"),
      object("variables", params.get("variables")), object("extensions", params.get("extensions")));
  }

  static GraphQLRequest fromJsonBody(Buffer body) throws Invalid {
    if (body == null || body.length() == 0) {
      throw new Invalid("the body is empty; send {\"query\": \"...\"}");
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(body);
    } catch (RuntimeException e) {
      // DecodeException, and Jackson's limits on nesting and number length
      throw new Invalid("the body is not JSON");
    }
    if (!(decoded instanceof JsonObject json)) {
      throw new Invalid("the body must be a JSON object (batches are not supported)");
    }
    if (!(json.getValue("query") instanceof String query)) {
      throw new Invalid("query must be a string");
    }
    Object operationName = json.getValue("operationName");
    if (operationName != null && !(operationName instanceof String)) {
      throw new Invalid("operationName must be a string or null");
    }
    return new GraphQLRequest(query, (String) operationName,
      object("variables", json.getValue("variables")), object("extensions", json.getValue("extensions")));
  }

  /** A JSON object, given as one or as its text (as GET sends it, and some clients POST it); null when absent. */
  private static Map<String, Object> object(String name, Object value) throws Invalid {
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject json) {
      return json.getMap();
    }
    if (value instanceof String text) {
      if (text.isBlank()) {
        return null;
      }
      try {
        if (Json.decodeValue(text) instanceof JsonObject json) {
          return json.getMap();
        }
      } catch (RuntimeException e) {
        throw new Invalid(name + " is not JSON");
      }
    }
    throw new Invalid(name + " must be a JSON object");
  }

  /**
   * Whether a POST's {@code Content-Type} is JSON: {@code application/json}, any parameters, a charset
   * (if any) of UTF-8. No type at all, {@code text/plain}, forms and multipart are not: a browser sends
   * those cross-site without asking (no preflight).
   */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].strip().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].strip().toLowerCase(Locale.ROOT);
      if (param.startsWith("charset=")) {
        String charset = param.substring("charset=".length()).replace("\"", "").strip();
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          return false;
        }
      }
    }
    return true;
  }
}
