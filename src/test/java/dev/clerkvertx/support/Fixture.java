package dev.clerkvertx.support;

import dev.clerkvertx.api.Api;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.security.KeyPair;
import java.util.Map;

/**
 * The usual test world: a real JWKS server publishing {@link TestKeys#RSA_A} under one kid, a
 * clock the test moves, and services started against that JWKS as their Clerk issuer.
 */
public final class Fixture {
  public final Vertx vertx;
  public final JwksServer jwks;
  public final MutableClock clock = MutableClock.atNow();
  public final String kid;

  private Fixture(Vertx vertx, JwksServer jwks, String kid) {
    this.vertx = vertx;
    this.jwks = jwks;
    this.kid = kid;
  }

  public static Fixture start(Vertx vertx, String kid) {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, kid));
    return new Fixture(vertx, jwks, kid);
  }

  /** The service with {@code CLERK_ISSUER_URL} pointing at the JWKS server, plus these variables. */
  public Service service(Map<String, String> extra) {
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", jwks.baseUrl());
    env.putAll(extra);
    return Service.start(vertx, env, clock);
  }

  public Service service() {
    return service(Map.of());
  }

  /** The service serving {@code api}, with these variables. */
  public Service service(Map<String, String> extra, Api api) {
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", jwks.baseUrl());
    env.putAll(extra);
    return Service.start(vertx, env, clock, false, api);
  }

  public String issuer() {
    return jwks.baseUrl();
  }

  /** Claims of a valid Clerk v2 session token, now, from this issuer. */
  public JsonObject claims() {
    return Claims.valid(clock, issuer());
  }

  /** These claims, signed with RSA_A under the served kid. */
  public String token(JsonObject claims) {
    return Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header(kid), claims);
  }

  /** A valid token. */
  public String token() {
    return token(claims());
  }

  /**
   * A valid token of {@code user_2xyz}, a member of {@code orgId} with these permissions
   * ({@code org:<feature>:<permission>}), packed in Clerk's v2 claims:
   * {@code world.orgToken("org_1", "org:notes:read", "org:notes:write")}.
   */
  public String orgToken(String orgId, String... permissions) {
    return token(claims().mergeIn(Claims.member(orgId, "member", permissions)));
  }

  /** The same for another user. */
  public String userOrgToken(String userId, String orgId, String... permissions) {
    return token(claims().put("sub", userId).mergeIn(Claims.member(orgId, "member", permissions)));
  }

  /** Valid claims signed with {@code key} under {@code kid}. */
  public String token(KeyPair key, String kid) {
    return Tokens.rs256(key.getPrivate(), Claims.header(kid), claims());
  }
}
