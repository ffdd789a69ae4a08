package dev.clerkvertx.authz;

import dev.clerkvertx.identity.IdentityDecoder;

/**
 * What a route or field requires of its caller, as Clerk's {@code has()} takes it: any of a role, a
 * permission, a feature, a plan and a reverification; every dimension given must pass. Immutable:
 * {@code Requirement.permission("org:pings:read").andReverification(Reverification.preset("strict"))}.
 * Roles and permissions are kept with the {@code org:} prefix, added when they lack it, as Clerk
 * compares them.
 */
public record Requirement(String role, String permission, String feature, String plan, Reverification reverification) {

  public Requirement {
    if (role == null && permission == null && feature == null && plan == null && reverification == null) {
      throw new IllegalArgumentException("a requirement requires something");
    }
    for (String name : new String[]{role, permission, feature, plan}) {
      if (name != null && name.isBlank()) {
        throw new IllegalArgumentException("a required role, permission, feature or plan is never blank");
      }
    }
    role = IdentityDecoder.prefixed(role);
    permission = IdentityDecoder.prefixed(permission);
  }

  public static Requirement role(String role) {
    return new Requirement(role, null, null, null, null);
  }

  public static Requirement permission(String permission) {
    return new Requirement(null, permission, null, null, null);
  }

  public static Requirement feature(String feature) {
    return new Requirement(null, null, feature, null, null);
  }

  public static Requirement plan(String plan) {
    return new Requirement(null, null, null, plan, null);
  }

  public static Requirement reverification(Reverification reverification) {
    return new Requirement(null, null, null, null, reverification);
  }

  public Requirement andRole(String r) {
    return new Requirement(r, permission, feature, plan, reverification);
  }

  public Requirement andPermission(String p) {
    return new Requirement(role, p, feature, plan, reverification);
  }

  public Requirement andFeature(String f) {
    return new Requirement(role, permission, f, plan, reverification);
  }

  public Requirement andPlan(String p) {
    return new Requirement(role, permission, feature, p, reverification);
  }

  public Requirement andReverification(Reverification r) {
    return new Requirement(role, permission, feature, plan, r);
  }
}
