package dev.clerkvertx.api;

import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/**
 * Where notes are kept, always within one organisation: no call reaches another organisation's notes.
 * Asynchronous, so that a database can stand behind it (a Vert.x reactive SQL client's {@code Pool}
 * answers Futures too); methods are called on event loops and must never block. The routes and
 * fields use nothing else, so swapping the store touches only {@link Api#create}.
 */
public interface NoteStore {
  /** The organisation's notes, oldest first. */
  Future<List<Note>> list(String orgId);

  Future<Optional<Note>> find(String orgId, String id);

  Future<Note> create(String orgId, String userId, String text);

  /** The note with its new text, or empty when the organisation has no such note. */
  Future<Optional<Note>> update(String orgId, String id, String text);

  /** True when the note was there. */
  Future<Boolean> delete(String orgId, String id);

  /** A bounded store cannot keep more: answered 507 with its message. */
  final class Full extends RuntimeException {
    public Full(String message) {
      super(message, null, false, false);
    }
  }
}
