package dev.clerkvertx.authz;

import dev.clerkvertx.authz.Reverification.Level;
import dev.clerkvertx.identity.ClerkIdentity;
import dev.clerkvertx.identity.IdentityDecoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Clerk's {@code has()}, table by table (shared/reference/clerk-authorization.md, section 3). */
class AuthorizerTest {
  static final IdentityDecoder DECODER = new IdentityDecoder();

  /** An admin of org_1 with org:pings:read, org feature premium, user feature beta, user plan pro, org plan team. */
  static ClerkIdentity member() {
    return DECODER.decode(new JsonObject().put("sub", "user_1").put("sid", "sess_1").put("v", 2)
      .put("o", new JsonObject().put("id", "org_1").put("rol", "admin").put("per", "read").put("fpm", "1,0"))
      .put("fea", "o:pings,u:beta,o:premium").put("pla", "u:pro,o:team").put("fva", new JsonArray().add(2).add(5)));
  }

  static ClerkIdentity withFva(int first, int second) {
    return DECODER.decode(new JsonObject().put("sub", "u").put("fva", new JsonArray().add(first).add(second)));
  }

  static boolean allowed(ClerkIdentity id, Requirement r) {
    return Authorizer.decide(id, r) instanceof Decision.Allowed;
  }

  static Stream<Arguments> organisationTable() {
    return Stream.of(
      Arguments.of(Requirement.role("org:admin"), true),
      Arguments.of(Requirement.role("admin"), true),
      Arguments.of(Requirement.role("org:member"), false),
      Arguments.of(Requirement.permission("org:pings:read"), true),
      Arguments.of(Requirement.permission("pings:read"), true),
      Arguments.of(Requirement.permission("org:pings:write"), false),
      Arguments.of(Requirement.permission("org:premium:read"), false),
      Arguments.of(Requirement.feature("premium"), true),
      Arguments.of(Requirement.feature("org:premium"), true),
      Arguments.of(Requirement.feature("o:premium"), true),
      Arguments.of(Requirement.feature("organization:premium"), true),
      Arguments.of(Requirement.feature("user:premium"), false),
      Arguments.of(Requirement.feature("u:premium"), false),
      Arguments.of(Requirement.feature("beta"), true),
      Arguments.of(Requirement.feature("user:beta"), true),
      Arguments.of(Requirement.feature("u:beta"), true),
      Arguments.of(Requirement.feature("org:beta"), false),
      Arguments.of(Requirement.feature("missing"), false),
      Arguments.of(Requirement.plan("pro"), true),
      Arguments.of(Requirement.plan("u:pro"), true),
      Arguments.of(Requirement.plan("org:pro"), false),
      Arguments.of(Requirement.plan("o:team"), true),
      Arguments.of(Requirement.plan("user:team"), false),
      Arguments.of(Requirement.role("org:admin").andPermission("org:pings:read").andFeature("premium").andPlan("pro"), true),
      Arguments.of(Requirement.role("org:admin").andPermission("org:pings:write"), false),
      Arguments.of(Requirement.plan("pro").andRole("admin"), true),
      Arguments.of(Requirement.plan("pro").andRole("member"), false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("organisationTable")
  void answersRolesPermissionsFeaturesAndPlansAsClerkDoes(Requirement requirement, boolean expected) {
    assertThat(allowed(member(), requirement)).isEqualTo(expected);
  }

  @Test
  void roleAndPermissionNeedAnActiveOrganisation() {
    ClerkIdentity noOrg = DECODER.decode(new JsonObject().put("sub", "u").put("fea", "o:pings").put("v", 2));
    assertThat(allowed(noOrg, Requirement.role("org:admin"))).isFalse();
    assertThat(allowed(noOrg, Requirement.permission("org:pings:read"))).isFalse();
    ClerkIdentity v1 = DECODER.decode(new JsonObject().put("sub", "u").put("org_id", "org_1").put("org_role", "org:admin")
      .put("org_permissions", new JsonArray().add("org:invoices:read")));
    assertThat(allowed(v1, Requirement.role("admin").andPermission("invoices:read"))).isTrue();
  }

  @Test
  void malformedFeatureListOfAVersion2OrganisationDeniesEverything() {
    ClerkIdentity bad = DECODER.decode(new JsonObject().put("sub", "u").put("v", 2).put("fea", "o:pings,premium")
      .put("o", new JsonObject().put("id", "org_1").put("rol", "admin").put("per", "read").put("fpm", "1")));
    assertThat(allowed(bad, Requirement.feature("pings"))).isFalse();
    assertThat(allowed(bad, Requirement.permission("org:pings:read"))).isFalse();
    assertThat(allowed(bad, Requirement.role("org:admin"))).isFalse();
  }

  static Stream<Arguments> reverificationTable() {
    return Stream.of(
      // strict: second factor within 10 minutes (first decides without a second factor)
      Arguments.of("strict", 0, 9, true), Arguments.of("strict", 0, 10, false), Arguments.of("strict", 50, 9, true),
      Arguments.of("strict", 9, -1, true), Arguments.of("strict", 10, -1, false),
      // strict_mfa: both within 10 minutes (first alone without a second factor)
      Arguments.of("strict_mfa", 9, 9, true), Arguments.of("strict_mfa", 10, 9, false), Arguments.of("strict_mfa", 9, 10, false),
      Arguments.of("strict_mfa", 9, -1, true), Arguments.of("strict_mfa", 10, -1, false),
      // moderate: second factor within 60
      Arguments.of("moderate", 0, 59, true), Arguments.of("moderate", 0, 60, false), Arguments.of("moderate", 59, -1, true),
      // lax: second factor within 1440
      Arguments.of("lax", 0, 1_439, true), Arguments.of("lax", 0, 1_440, false), Arguments.of("lax", 1_440, -1, false),
      // no first factor recorded: the second factor decides (a multi-factor level fails)
      Arguments.of("lax", -1, 0, true), Arguments.of("strict", -1, 0, true), Arguments.of("strict", -1, 10, false),
      Arguments.of("strict_mfa", -1, 0, false),
      // neither factor ever verified fails
      Arguments.of("lax", -1, -1, false), Arguments.of("strict_mfa", -1, -1, false));
  }

  @ParameterizedTest(name = "{0} with fva [{1}, {2}] -> {3}")
  @MethodSource("reverificationTable")
  void answersEveryReverificationPresetAtItsBoundaries(String preset, int first, int second, boolean expected) {
    Decision d = Authorizer.decide(withFva(first, second), Requirement.reverification(Reverification.preset(preset)));
    assertThat(d instanceof Decision.Allowed).isEqualTo(expected);
    if (!expected) {
      assertThat(d).isEqualTo(new Decision.ReverificationRequired(Reverification.preset(preset)));
    }
  }

  @Test
  void customLevelsFollowTheSameRules() {
    Requirement first = Requirement.reverification(Reverification.custom(Level.FIRST_FACTOR, 30));
    assertThat(allowed(withFva(29, 100), first)).isTrue();
    assertThat(allowed(withFva(30, 0), first)).isFalse();
    Requirement second = Requirement.reverification(Reverification.custom(Level.SECOND_FACTOR, 30));
    assertThat(allowed(withFva(100, 29), second)).isTrue();
    assertThat(allowed(withFva(0, 30), second)).isFalse();
    assertThat(allowed(withFva(29, -1), second)).isTrue();
    Requirement multi = Requirement.reverification(Reverification.custom(Level.MULTI_FACTOR, 30));
    assertThat(allowed(withFva(29, 29), multi)).isTrue();
    assertThat(allowed(withFva(30, 29), multi)).isFalse();
    assertThat(Reverification.custom(Level.MULTI_FACTOR, 30).clerkMetadata())
      .isEqualTo(new JsonObject().put("level", "multi_factor").put("afterMinutes", 30));
  }

  @Test
  void withoutFvaEveryReverificationFails() {
    ClerkIdentity none = DECODER.decode(new JsonObject().put("sub", "u"));
    ClerkIdentity bad = DECODER.decode(new JsonObject().put("sub", "u").put("fva", new JsonArray().add(1)));
    for (String preset : new String[]{"strict_mfa", "strict", "moderate", "lax"}) {
      assertThat(allowed(none, Requirement.reverification(Reverification.preset(preset)))).isFalse();
      assertThat(allowed(bad, Requirement.reverification(Reverification.preset(preset)))).isFalse();
    }
  }

  @Test
  void aMissingPermissionIsForbiddenBeforeAnyReverificationIsAsked() {
    Requirement both = Requirement.permission("org:pings:write").andReverification(Reverification.preset("strict"));
    assertThat(Authorizer.decide(withFva(-1, -1), both)).isEqualTo(Decision.FORBIDDEN);
  }

  @Test
  void requirementsThatGuardNothingAreRefused() {
    assertThatThrownBy(() -> Reverification.preset("strictest")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Requirement(null, null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Requirement.role(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
