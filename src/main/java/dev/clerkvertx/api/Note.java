package dev.clerkvertx.api;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A note of an organisation, as the API answers it: times in ISO-8601. */
public record Note(String id, String orgId, String text, String createdBy, Instant createdAt, Instant updatedAt) {
  /** The longest text, in UTF-16 code units (what {@code String.length()} counts). */
  public static final int MAX_TEXT_LENGTH = 1_000;

  /** Why {@code text} (a JSON value or a GraphQL argument) cannot be a note's text; null when it can. */
  public static String textProblem(Object text) {
    if (text == null) {
      return "text is required";
    }
    if (!(text instanceof String s)) {
      return "text must be a string";
    }
    if (s.isBlank()) {
      return "text must not be empty";
    }
    return s.length() > MAX_TEXT_LENGTH ? "text is longer than " + MAX_TEXT_LENGTH + " characters" : null;
  }

  public JsonObject toJson() {
    return new JsonObject(toMap());
  }

  /** The note as a map of its fields, in a fixed order, for JSON and GraphQL alike. */
  public Map<String, Object> toMap() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("orgId", orgId);
    fields.put("text", text);
    fields.put("createdBy", createdBy);
    fields.put("createdAt", createdAt.toString());
    fields.put("updatedAt", updatedAt.toString());
    return fields;
  }
}
