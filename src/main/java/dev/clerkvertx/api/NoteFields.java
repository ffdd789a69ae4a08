package dev.clerkvertx.api;

import dev.clerkvertx.graphql.Fetchers;
import dev.clerkvertx.graphql.SchemaPart;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The notes over GraphQL ({@code graphql/notes.graphqls}): the same store, the same rules as
 * {@link NoteRoutes}; who may call each field is its {@code @requires}. A refused input is the field's
 * {@code null} with an error whose {@code extensions.code} says why ({@code BAD_USER_INPUT},
 * {@code NOT_FOUND}, {@code STORE_FULL}); the other fields of the request still resolve.
 */
public final class NoteFields {
  private static final Logger LOG = LoggerFactory.getLogger(NoteFields.class);

  private NoteFields() {
  }

  /** The schema part; reads a resource: call at start-up. */
  public static SchemaPart part(NoteStore store) {
    return SchemaPart.resource("graphql/notes.graphqls", fetchers -> fetchers
      .query("notes", env -> answer(env, store.list(org(env)), notes -> notes.stream().map(Note::toMap).toList()))
      .query("note", env -> answer(env, store.find(org(env), env.getArgument("id")),
        note -> note.map(Note::toMap).orElse(null)))
      .mutation("createNote", env -> checked(env, () -> answer(env,
        store.create(org(env), Fetchers.caller(env).userId(), env.getArgument("text")), Note::toMap)))
      .mutation("updateNote", env -> checked(env, () -> answer(env,
        store.update(org(env), env.getArgument("id"), env.getArgument("text")),
        note -> note.map(Note::toMap).orElseThrow(NotFound::new))))
      .mutation("deleteNote", env -> answer(env, store.delete(org(env), env.getArgument("id")), deleted -> deleted)));
  }

  private interface Fetch {
    Object get();
  }

  /** 400's counterpart: the text is checked before the store is asked. */
  private static Object checked(DataFetchingEnvironment env, Fetch fetch) {
    String problem = Note.textProblem(env.getArgument("text"));
    return problem == null ? fetch.get() : error(env, problem, "BAD_USER_INPUT");
  }

  private static <T> CompletionStage<Object> answer(DataFetchingEnvironment env, Future<T> result,
                                                   Function<T, Object> value) {
    return result.map(value).otherwise(e -> refusal(env, e)).toCompletionStage();
  }

  private static Object refusal(DataFetchingEnvironment env, Throwable e) {
    if (e instanceof NotFound) {
      return error(env, "no such note in your organisation", "NOT_FOUND");
    }
    if (e instanceof NoteStore.Full full) {
      return error(env, full.getMessage(), "STORE_FULL");
    }
    LOG.error("notes store failed on {}", env.getField().getName(), e);
    return error(env, "Internal Server Error", "INTERNAL_SERVER_ERROR");
  }

  private static DataFetcherResult<Object> error(DataFetchingEnvironment env, String message, String code) {
    return DataFetcherResult.newResult().data(null)
      .error(GraphqlErrorBuilder.newError(env).message(message).extensions(Map.of("code", code)).build()).build();
  }

  private static String org(DataFetchingEnvironment env) {
    return Fetchers.caller(env).organization().id();
  }

  private static final class NotFound extends RuntimeException {
    NotFound() {
      super(null, null, false, false);
    }
  }
}
