package dev.clerkvertx.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Clerk {@code scope:name} list ({@code fea}, {@code pla}): scope {@code o} is the organisation,
 * {@code u} the user, {@code ou}/{@code uo} both. An entry without a scope makes the whole list
 * malformed, which Clerk's own parser refuses: then nothing in it is granted.
 *
 * @param entries the claim's entries as written, for answering {@code /me}
 */
public record ScopedEntries(List<String> entries, Set<String> org, Set<String> user, boolean malformed) {

  public static final ScopedEntries NONE = new ScopedEntries(List.of(), Set.of(), Set.of(), false);
  private static final ScopedEntries MALFORMED = new ScopedEntries(List.of(), Set.of(), Set.of(), true);

  public ScopedEntries {
    entries = List.copyOf(entries);
    org = Set.copyOf(org);
    user = Set.copyOf(user);
  }

  /** Parses the claim's value: absent is empty, anything but a string is malformed. */
  static ScopedEntries parse(Object claim) {
    if (claim == null) {
      return NONE;
    }
    if (!(claim instanceof String text)) {
      return MALFORMED;
    }
    List<String> entries = new ArrayList<>();
    List<String> org = new ArrayList<>();
    List<String> user = new ArrayList<>();
    for (String raw : text.split(",")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        return new ScopedEntries(List.of(text.split(",")), Set.of(), Set.of(), true);
      }
      String scope = entry.substring(0, colon);
      String name = entry.substring(colon + 1);
      entries.add(entry);
      if (isOrgScope(scope)) {
        org.add(name);
      }
      if (isUserScope(scope)) {
        user.add(name);
      }
    }
    return new ScopedEntries(entries, Set.copyOf(org), Set.copyOf(user), false);
  }

  /** The organisation names in order of appearance, repeats kept: the order {@code o.fpm}'s masks follow. */
  List<String> orgNamesInOrder() {
    List<String> names = new ArrayList<>();
    for (String entry : entries) {
      int colon = entry.indexOf(':');
      if (isOrgScope(entry.substring(0, colon))) {
        names.add(entry.substring(colon + 1));
      }
    }
    return names;
  }

  private static boolean isOrgScope(String scope) {
    return scope.equals("o") || scope.equals("ou") || scope.equals("uo");
  }

  private static boolean isUserScope(String scope) {
    return scope.equals("u") || scope.equals("ou") || scope.equals("uo");
  }

  /**
   * Whether a requested feature or plan is granted: {@code org:x}, {@code o:x} or
   * {@code organization:x} looks at organisation entries only, {@code user:x} or {@code u:x} at user
   * entries only, a bare {@code x} at both. A malformed list grants nothing.
   */
  public boolean grants(String requested) {
    if (malformed || requested == null) {
      return false;
    }
    int colon = requested.indexOf(':');
    if (colon > 0) {
      String scope = requested.substring(0, colon);
      String name = requested.substring(colon + 1);
      switch (scope) {
        case "org", "o", "organization" -> {
          return org.contains(name);
        }
        case "user", "u" -> {
          return user.contains(name);
        }
        default -> {
          // not a scope: the whole string is a name
        }
      }
    }
    return org.contains(requested) || user.contains(requested);
  }
}
