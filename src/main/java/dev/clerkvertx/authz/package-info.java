/**
 * Authorization, as Clerk's {@code has()} answers it: a {@link dev.clerkvertx.authz.Requirement}
 * (role, permission, feature, plan, reverification), one evaluator, and the guard that answers 403.
 */
package dev.clerkvertx.authz;
