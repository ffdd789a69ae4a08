package dev.clerkvertx.identity;

import java.util.Set;

/**
 * The caller's active organisation: id, slug, role ({@code org:} prefixed, as v1 tokens and Clerk's
 * SDKs write it) and permissions ({@code org:<feature>:<permission>}).
 */
public record Organization(String id, String slug, String role, Set<String> permissions) {
  public Organization {
    permissions = Set.copyOf(permissions);
  }
}
