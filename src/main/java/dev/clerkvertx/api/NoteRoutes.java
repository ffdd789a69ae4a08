package dev.clerkvertx.api;

import dev.clerkvertx.authz.Requirement;
import dev.clerkvertx.http.Reply;
import dev.clerkvertx.http.RouteContributor;
import dev.clerkvertx.http.Routing;
import dev.clerkvertx.identity.ClerkIdentity;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The notes of the caller's active organisation over REST: read with {@code org:notes:read}, write
 * with {@code org:notes:write}. Authentication, the permission, the body's size, type and JSON are
 * checked before these handlers run (see {@link Routing}); what is left is the note itself.
 */
public final class NoteRoutes implements RouteContributor {
  static final Requirement READ = Requirement.permission("org:notes:read");
  static final Requirement WRITE = Requirement.permission("org:notes:write");

  private final NoteStore store;

  public NoteRoutes(NoteStore store) {
    this.store = store;
  }

  @Override
  public void mount(Routing routes) {
    routes.get("/api/notes").requires(READ).handler(this::list);
    routes.get("/api/notes/:id").requires(READ).handler(this::get);
    routes.post("/api/notes").requires(WRITE).jsonBody().handler(this::create);
    routes.put("/api/notes/:id").requires(WRITE).jsonBody().handler(this::replace);
    routes.patch("/api/notes/:id").requires(WRITE).jsonBody().handler(this::patch);
    routes.delete("/api/notes/:id").requires(WRITE).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    answer(ctx, store.list(org(ctx)), notes ->
      Reply.json(ctx, 200, new JsonArray(notes.stream().map(Note::toJson).toList())));
  }

  private void get(RoutingContext ctx) {
    answer(ctx, store.find(org(ctx), ctx.pathParam("id")), note -> found(ctx, note));
  }

  private void create(RoutingContext ctx) {
    String text = text(ctx, ctx.body().asJsonObject());
    if (text != null) {
      answer(ctx, store.create(org(ctx), ClerkIdentity.of(ctx).userId(), text), note -> {
        ctx.response().putHeader(HttpHeaders.LOCATION, "/api/notes/" + note.id());
        Reply.json(ctx, 201, note.toJson());
      });
    }
  }

  private void replace(RoutingContext ctx) {
    String text = text(ctx, ctx.body().asJsonObject());
    if (text != null) {
      answer(ctx, store.update(org(ctx), ctx.pathParam("id"), text), note -> found(ctx, note));
    }
  }

  /** A merge patch: the writable fields given change ({@code text} is the only one), the others stay. */
  private void patch(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    for (String field : body.fieldNames()) {
      if (!field.equals("text")) {
        Reply.error(ctx, 400, "'" + field + "' is not a writable field of a note (writable: text)");
        return;
      }
    }
    if (!body.containsKey("text")) {
      get(ctx);
      return;
    }
    replace(ctx);
  }

  private void delete(RoutingContext ctx) {
    answer(ctx, store.delete(org(ctx), ctx.pathParam("id")), deleted -> {
      if (deleted) {
        ctx.response().setStatusCode(204).end();
      } else {
        Reply.status(ctx, 404);
      }
    });
  }

  /** The body's text, or null once a 400 naming the problem is answered. */
  private static String text(RoutingContext ctx, JsonObject body) {
    String problem = Note.textProblem(body.getValue("text"));
    if (problem != null) {
      Reply.error(ctx, 400, problem);
      return null;
    }
    return body.getString("text");
  }

  private static void found(RoutingContext ctx, Optional<Note> note) {
    if (note.isPresent()) {
      Reply.json(ctx, 200, note.get().toJson());
    } else {
      Reply.status(ctx, 404);
    }
  }

  /** The store's answer, or its refusal: 507 when full, anything else is the service's failure (500). */
  private static <T> void answer(RoutingContext ctx, Future<T> result, Consumer<T> then) {
    result.onSuccess(then::accept).onFailure(e -> {
      if (e instanceof NoteStore.Full full) {
        Reply.error(ctx, 507, full.getMessage());
      } else {
        ctx.fail(e);
      }
    });
  }

  /** The caller's active organisation: present, since the permissions are organisation permissions. */
  private static String org(RoutingContext ctx) {
    return ClerkIdentity.of(ctx).organization().id();
  }
}
