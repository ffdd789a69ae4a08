package dev.clerkvertx.identity;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The caller's active organisation: id, slug, role ({@code org:} prefixed, as v1 tokens and Clerk's
 * SDKs write it) and permissions ({@code org:<feature>:<permission>}). Each session holds its own
 * (ids are per tenant), compactly: the names are shared ({@link SharedValues}); a v2 organisation
 * holds only its permission bits ({@link Grants}) over them, a v1 organisation a shared sorted list.
 * No permission string is built per organisation: {@link #hasPermission} compares in place.
 */
public final class Organization {
  private final String id;
  private final String slug;
  private final String role;
  /** v2: the organisation features of {@code fea} in order (repeats kept); null for v1. */
  private final String[] features;
  /** v2: {@code o.per}'s names by bit; v1: the permissions, distinct and sorted. */
  private final String[] names;
  /** v2: {@link Grants}; null for v1. */
  private final long[] grants;

  private Organization(String id, String slug, String role, String[] features, String[] names, long[] grants) {
    this.id = id;
    this.slug = slug;
    this.role = role;
    this.features = features;
    this.names = names;
    this.grants = grants;
  }

  /** A v2 organisation: {@code fea}'s organisation features, {@code o.per}'s names and the bits of {@code o.fpm}. */
  static Organization v2(String id, String slug, String role, String[] features, String[] names, long[] grants) {
    return new Organization(id, slug, role, features, names, grants);
  }

  /** A v1 organisation: {@code org_permissions}, distinct and sorted. */
  static Organization v1(String id, String slug, String role, String[] sortedPermissions) {
    return new Organization(id, slug, role, null, sortedPermissions, null);
  }

  public String id() {
    return id;
  }

  /** The slug, or null. */
  public String slug() {
    return slug;
  }

  /** The role, {@code org:} prefixed, or null. */
  public String role() {
    return role;
  }

  /** Whether the organisation grants this {@code org:}-prefixed permission. Allocates nothing. */
  public boolean hasPermission(String permission) {
    if (features == null) {
      return Arrays.binarySearch(names, permission) >= 0;
    }
    if (!permission.startsWith("org:")) {
      return false;
    }
    for (int i = 0; i < features.length; i++) {
      String feature = features[i];
      int from = 5 + feature.length();
      if (permission.length() > from && permission.startsWith(feature, 4) && permission.charAt(from - 1) == ':') {
        int length = permission.length() - from;
        for (int j = 0; j < names.length; j++) {
          String name = names[j];
          if (name.length() == length && Grants.granted(grants, features.length, names.length, i, j)
            && permission.startsWith(name, from)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Every permission granted, built now (for {@code /me}); empty names are never granted. */
  public Set<String> permissions() {
    Set<String> all = new LinkedHashSet<>();
    if (features == null) {
      all.addAll(Arrays.asList(names));
      return all;
    }
    for (int i = 0; i < features.length; i++) {
      for (int j = 0; j < names.length; j++) {
        if (!names[j].isEmpty() && Grants.granted(grants, features.length, names.length, i, j)) {
          all.add("org:" + features[i] + ":" + names[j]);
        }
      }
    }
    return all;
  }

  /** Bytes this organisation holds on its own: itself, its id and slug, its permission bits (names are shared). */
  long bytes() {
    return 40 + Weights.string(id) + Weights.string(slug) + (grants == null ? 0 : Weights.longs(grants.length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Organization other && id.equals(other.id) && Objects.equals(slug, other.slug)
      && Objects.equals(role, other.role) && permissions().equals(other.permissions());
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Organization[id=" + id + ", slug=" + slug + ", role=" + role + ", permissions=" + permissions() + "]";
  }
}
