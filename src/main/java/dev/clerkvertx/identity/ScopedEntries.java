package dev.clerkvertx.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A Clerk {@code scope:name} list ({@code fea}, {@code pla}): scope {@code o} is the organisation,
 * {@code u} the user, {@code ou}/{@code uo} both. Entries are trimmed as JavaScript trims. An entry
 * without a colon, an empty entry ({@code "u:pro,"}) or a claim that is not a string make the whole
 * list malformed, as Clerk's own parser throws on them; so do an empty scope or name ({@code ":x"},
 * {@code "o:"}), which Clerk lets through: stricter. A malformed list grants nothing. An empty claim
 * is an empty list. Shared between sessions through {@link SharedValues}; names are the pool's.
 */
public final class ScopedEntries {
  private static final String[] NO_NAMES = new String[0];
  public static final ScopedEntries NONE = new ScopedEntries("", NO_NAMES, NO_NAMES, NO_NAMES, false);
  static final ScopedEntries NOT_A_STRING = new ScopedEntries(null, NO_NAMES, NO_NAMES, NO_NAMES, true);

  private final String text;
  private final String[] org;
  private final String[] user;
  private final String[] orgInOrder;
  private final boolean malformed;

  private ScopedEntries(String text, String[] org, String[] user, String[] orgInOrder, boolean malformed) {
    this.text = text;
    this.org = org;
    this.user = user;
    this.orgInOrder = orgInOrder;
    this.malformed = malformed;
  }

  /** The list a claim's value stands for: absent or empty is empty, anything but a string is malformed. */
  static ScopedEntries of(Object claim, SharedValues shared, Weight held) {
    if (claim == null || "".equals(claim)) {
      return NONE;
    }
    return claim instanceof String text ? shared.entries(text, held) : NOT_A_STRING;
  }

  /** Parses a non-empty claim text; its names are pooled in {@code shared} (weighed in {@code held} when not). */
  static ScopedEntries parse(String text, SharedValues shared, Weight held) {
    List<String> org = new ArrayList<>();
    List<String> user = new ArrayList<>();
    List<String> orgInOrder = new ArrayList<>();
    for (String raw : text.split(",", -1)) {
      String entry = JsText.trim(raw);
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        return new ScopedEntries(text, NO_NAMES, NO_NAMES, NO_NAMES, true);
      }
      String scope = entry.substring(0, colon);
      String name = shared.string(entry.substring(colon + 1), held);
      if (isOrgScope(scope)) {
        orgInOrder.add(name);
        addOnce(org, name);
      }
      if (isUserScope(scope)) {
        addOnce(user, name);
      }
    }
    String[] distinctOrg = org.toArray(NO_NAMES);
    return new ScopedEntries(text, distinctOrg, user.toArray(NO_NAMES),
      org.size() == orgInOrder.size() ? distinctOrg : orgInOrder.toArray(NO_NAMES), false);
  }

  private static void addOnce(List<String> names, String name) {
    if (!names.contains(name)) {
      names.add(name);
    }
  }

  private static boolean isOrgScope(String scope) {
    return scope.equals("o") || scope.equals("ou") || scope.equals("uo");
  }

  private static boolean isUserScope(String scope) {
    return scope.equals("u") || scope.equals("ou") || scope.equals("uo");
  }

  /** The claim's entries as written (trimmed when well-formed), for answering {@code /me}. */
  public List<String> entries() {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String[] split = text.split(",", -1);
    if (!malformed) {
      for (int i = 0; i < split.length; i++) {
        split[i] = JsText.trim(split[i]);
      }
    }
    return List.of(split);
  }

  /** The organisation names. */
  public Set<String> org() {
    return Set.of(org);
  }

  /** The user names. */
  public Set<String> user() {
    return Set.of(user);
  }

  public boolean malformed() {
    return malformed;
  }

  /** The organisation names in order of appearance, repeats kept: the order {@code o.fpm}'s masks follow. */
  String[] orgNamesInOrder() {
    return orgInOrder;
  }

  /** Bytes this list holds besides its pooled names: itself, its text and its arrays. */
  long bytes() {
    return 32 + Weights.string(text) + Weights.refs(org.length) + Weights.refs(user.length)
      + (orgInOrder == org ? 0 : Weights.refs(orgInOrder.length));
  }

  /**
   * Whether a requested feature or plan is granted: {@code org:x}, {@code o:x} or
   * {@code organization:x} looks at organisation entries only, {@code user:x} or {@code u:x} at user
   * entries only, a bare {@code x} at both. A malformed list grants nothing. Allocates nothing.
   */
  public boolean grants(String requested) {
    if (malformed || requested == null) {
      return false;
    }
    int colon = requested.indexOf(':');
    if (colon > 0) {
      if (isScope(requested, colon, "org") || isScope(requested, colon, "o") || isScope(requested, colon, "organization")) {
        return contains(org, requested, colon + 1);
      }
      if (isScope(requested, colon, "user") || isScope(requested, colon, "u")) {
        return contains(user, requested, colon + 1);
      }
      // not a scope: the whole string is a name
    }
    return contains(org, requested, 0) || contains(user, requested, 0);
  }

  private static boolean isScope(String requested, int colon, String scope) {
    return colon == scope.length() && requested.startsWith(scope);
  }

  private static boolean contains(String[] names, String requested, int from) {
    int length = requested.length() - from;
    for (String name : names) {
      if (name.length() == length && requested.startsWith(name, from)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return malformed ? "malformed" : "org " + Arrays.toString(org) + " user " + Arrays.toString(user);
  }
}
