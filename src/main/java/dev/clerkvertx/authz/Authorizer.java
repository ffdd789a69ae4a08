package dev.clerkvertx.authz;

import dev.clerkvertx.identity.ClerkIdentity;
import dev.clerkvertx.identity.Organization;

/**
 * The one evaluator of requirements: Clerk's {@code has()} on a decoded identity. Role and
 * permission need an active organisation and are compared {@code org:} prefixed (each side is
 * prefixed once: when decoded, when required); features and plans follow their scope
 * ({@code org:}/{@code o:}/{@code organization:}, {@code user:}/{@code u:}, or both); missing data denies. Reverification is judged last, so that a caller who lacks a
 * permission is never asked to verify again for nothing. A token whose claims Clerk's SDK cannot read
 * ({@link ClerkIdentity#claimsMalformed()}) is denied every check, reverification included (403,
 * not a prompt to verify again, which could never help).
 */
public final class Authorizer {
  private Authorizer() {
  }

  public static Decision decide(ClerkIdentity identity, Requirement required) {
    if (identity.claimsMalformed()) {
      return Decision.FORBIDDEN;
    }
    Organization org = identity.organization();
    if (required.role() != null && (org == null || !required.role().equals(org.role()))) {
      return Decision.FORBIDDEN;
    }
    if (required.permission() != null && (org == null || !org.hasPermission(required.permission()))) {
      return Decision.FORBIDDEN;
    }
    if (required.feature() != null && !identity.features().grants(required.feature())) {
      return Decision.FORBIDDEN;
    }
    if (required.plan() != null && !identity.plans().grants(required.plan())) {
      return Decision.FORBIDDEN;
    }
    Reverification r = required.reverification();
    if (r != null && !r.isSatisfiedBy(identity.factorAges())) {
      return new Decision.ReverificationRequired(r);
    }
    return Decision.ALLOWED;
  }
}
