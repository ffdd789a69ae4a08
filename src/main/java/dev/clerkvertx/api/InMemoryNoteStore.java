package dev.clerkvertx.api;

import io.vertx.core.Future;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The example's store: notes in memory, lost at restart, bounded in every dimension a caller
 * controls (organisations, notes per organisation, text length, ids), so that its most is known in
 * bytes: {@link #maxBytes()}. Texts are checked here too: the bound must not rest on the callers. Shared by every event loop; each call holds the lock for a map operation.
 */
public final class InMemoryNoteStore implements NoteStore {
  /** Longest organisation or user id kept (Clerk's are about 32 characters). */
  static final int MAX_ID_LENGTH = 128;
  /**
   * Bytes of one note besides its text's characters, with compressed references: the record (40),
   * its UUID id (80), the text's String and array headers (40), a creator id of up to
   * {@link #MAX_ID_LENGTH} UTF-16 characters (296), two Instants (48), its map entry and slot (56).
   */
  static final long NOTE_BYTES = 560;
  /** Bytes of one organisation: its map node, an id of up to {@link #MAX_ID_LENGTH} characters, its note map. */
  static final long ORGANISATION_BYTES = 1_000;

  /** How much the store keeps. */
  public record Limits(int organisations, int notesPerOrganisation) {
    /** 50 organisations of 50 notes: at most about 6.2 MiB. */
    public static final Limits DEFAULT = new Limits(50, 50);
  }

  private final Limits limits;
  private final Clock clock;
  private final Map<String, Map<String, Note>> byOrganisation = new HashMap<>();

  public InMemoryNoteStore(Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** The most this store holds, in bytes of heap, texts at their longest and in UTF-16. */
  public long maxBytes() {
    return limits.organisations() * (ORGANISATION_BYTES
      + limits.notesPerOrganisation() * (NOTE_BYTES + 2L * Note.MAX_TEXT_LENGTH));
  }

  @Override
  public synchronized Future<List<Note>> list(String orgId) {
    return Future.succeededFuture(List.copyOf(notes(orgId).values()));
  }

  @Override
  public synchronized Future<Optional<Note>> find(String orgId, String id) {
    return Future.succeededFuture(Optional.ofNullable(notes(orgId).get(id)));
  }

  @Override
  public synchronized Future<Note> create(String orgId, String userId, String text) {
    if (Note.textProblem(text) != null) {
      return Future.failedFuture(new IllegalArgumentException(Note.textProblem(text)));
    }
    if (orgId.length() > MAX_ID_LENGTH || userId.length() > MAX_ID_LENGTH) {
      return Future.failedFuture(new Full("ids longer than " + MAX_ID_LENGTH + " characters are not kept"));
    }
    Map<String, Note> notes = byOrganisation.get(orgId);
    if (notes == null) {
      if (byOrganisation.size() >= limits.organisations()) {
        return Future.failedFuture(new Full("the in-memory store keeps the notes of "
          + limits.organisations() + " organisations at most"));
      }
      notes = new LinkedHashMap<>();
      byOrganisation.put(orgId, notes);
    } else if (notes.size() >= limits.notesPerOrganisation()) {
      return Future.failedFuture(new Full("the in-memory store keeps " + limits.notesPerOrganisation()
        + " notes per organisation at most"));
    }
    var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    // the organisation's id is kept once: the copy of whichever request brought its first note
    String ownOrgId = notes.isEmpty() ? orgId : notes.values().iterator().next().orgId();
    Note note = new Note(UUID.randomUUID().toString(), ownOrgId, text, userId, now, now);
    notes.put(note.id(), note);
    return Future.succeededFuture(note);
  }

  @Override
  public synchronized Future<Optional<Note>> update(String orgId, String id, String text) {
    if (Note.textProblem(text) != null) {
      return Future.failedFuture(new IllegalArgumentException(Note.textProblem(text)));
    }
    Map<String, Note> notes = byOrganisation.get(orgId);
    Note old = notes == null ? null : notes.get(id);
    if (old == null) {
      return Future.succeededFuture(Optional.empty());
    }
    Note note = new Note(old.id(), old.orgId(), text, old.createdBy(), old.createdAt(),
      clock.instant().truncatedTo(ChronoUnit.MILLIS));
    notes.put(id, note);
    return Future.succeededFuture(Optional.of(note));
  }

  @Override
  public synchronized Future<Boolean> delete(String orgId, String id) {
    Map<String, Note> notes = byOrganisation.get(orgId);
    boolean removed = notes != null && notes.remove(id) != null;
    if (removed && notes.isEmpty()) {
      byOrganisation.remove(orgId);
    }
    return Future.succeededFuture(removed);
  }

  private Map<String, Note> notes(String orgId) {
    return byOrganisation.getOrDefault(orgId, Map.of());
  }
}
