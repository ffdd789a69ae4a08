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

import java.math.BigInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code has()} exactly as Clerk's JavaScript SDK answers it on the claims a differential test
 * found disagreeing (issue 15, points 1 to 6; shared/reference/clerk-authorization.md, section 3 and
 * "Malformed claims"), for v1 and v2 tokens alike. Expected answers are written out, never computed.
 * Where this service is knowingly stricter than Clerk on malformed claims, the last table says so.
 */
class HasParityTest {
  static final IdentityDecoder DECODER = new IdentityDecoder();

  enum Version { V1, V2 }

  static final Requirement ROLE = Requirement.role("org:admin");
  static final Requirement PERMISSION = Requirement.permission("org:pings:read");
  static final Requirement FEATURE = Requirement.feature("beta");
  static final Requirement PLAN = Requirement.plan("pro");
  static final Requirement STRICT = Requirement.reverification(Reverification.preset("strict"));

  /**
   * A member of org_1 with role admin and permission org:pings:read (v1: org_* claims; v2: the
   * {@code o} object over the organisation feature pings), user feature beta, user plan pro, fva [0, 0].
   */
  static JsonObject member(Version version) {
    JsonObject c = new JsonObject().put("sub", "user_1").put("sid", "sess_1").put("fea", "o:pings,u:beta")
      .put("pla", "u:pro").put("fva", new JsonArray().add(0).add(0));
    return version == Version.V2
      ? c.put("v", 2).put("o", new JsonObject().put("id", "org_1").put("slg", "acme").put("rol", "admin").put("per", "read").put("fpm", "1"))
      : c.put("org_id", "org_1").put("org_slug", "acme").put("org_role", "org:admin")
      .put("org_permissions", new JsonArray().add("org:pings:read"));
  }

  static boolean allowed(JsonObject claims, Requirement r) {
    return Authorizer.decide(DECODER.decode(claims), r) instanceof Decision.Allowed;
  }

  static JsonArray fva(Object first, Object second) {
    return new JsonArray().add(first).add(second);
  }

  @Test
  void theMemberPassesEveryCheckInBothVersions() {
    for (Version v : Version.values()) {
      for (Requirement r : new Requirement[]{ROLE, PERMISSION, FEATURE, PLAN, STRICT}) {
        assertThat(allowed(member(v), r)).as("%s %s", v, r).isTrue();
      }
    }
  }

  // 1. Reverification, level by level.

  static Stream<Arguments> reverificationTable() {
    Reverification first10 = Reverification.custom(Level.FIRST_FACTOR, 10);
    Reverification second10 = Reverification.custom(Level.SECOND_FACTOR, 10);
    Reverification multi10 = Reverification.custom(Level.MULTI_FACTOR, 10);
    Object[][] rows = {
      {first10, 5, -1, true}, {first10, 5, 20, true}, {first10, 0, 0, true}, {first10, 10, -1, false},
      {first10, -1, 5, false}, {first10, -1, -1, false},
      {second10, 5, -1, true}, {second10, 10, -1, false}, {second10, -1, 5, true}, {second10, -1, 10, false},
      {second10, 50, 5, true}, {second10, 5, 50, false}, {second10, -1, -1, false},
      {multi10, 5, -1, true}, {multi10, 10, -1, false}, {multi10, -1, 5, false}, {multi10, 5, 5, true},
      {multi10, 5, 10, false}, {multi10, 10, 5, false}, {multi10, -1, -1, false},
      {Reverification.preset("strict"), -1, 5, true}, {Reverification.preset("strict"), -1, 9, true},
      {Reverification.preset("strict"), -1, 10, false}, {Reverification.preset("strict_mfa"), -1, 5, false},
      {Reverification.preset("strict_mfa"), 5, -1, true}, {Reverification.preset("moderate"), -1, 59, true},
      {Reverification.preset("moderate"), -1, 60, false}, {Reverification.preset("lax"), -1, 1_439, true},
      {Reverification.preset("lax"), -1, 1_440, false}, {Reverification.preset("lax"), 1_439, -1, true},
      {Reverification.preset("lax"), -1, -1, false}};
    return Stream.of(Version.values()).flatMap(v -> Stream.of(rows).map(r -> Arguments.of(v, r[0], r[1], r[2], r[3])));
  }

  @ParameterizedTest(name = "{0}: {1} with fva [{2}, {3}] -> {4}")
  @MethodSource("reverificationTable")
  void reverificationFollowsClerksPerLevelTable(Version v, Reverification r, int first, int second, boolean expected) {
    Decision d = Authorizer.decide(DECODER.decode(member(v).put("fva", fva(first, second))), Requirement.reverification(r));
    assertThat(d).isEqualTo(expected ? Decision.ALLOWED : new Decision.ReverificationRequired(r));
  }

  static Stream<Arguments> unusableFva() {
    Object[] values = {"0,5", new JsonArray().add(5), new JsonArray().add(1).add(2).add(3), fva(-2, 5), fva("1", 2),
      new JsonArray().addNull().add(5), null};
    return Stream.of(Version.values()).flatMap(v -> Stream.of(values).map(f -> Arguments.of(v, f)));
  }

  @ParameterizedTest(name = "{0}: fva {1} fails every level")
  @MethodSource("unusableFva")
  void anFvaThatIsNotTwoAgesFailsEveryLevel(Version v, Object fva) {
    JsonObject claims = member(v);
    claims.remove("fva");
    if (fva != null) {
      claims.put("fva", fva);
    }
    for (Level level : Level.values()) {
      assertThat(allowed(claims, Requirement.reverification(Reverification.custom(level, 1_440)))).isFalse();
    }
  }

  // 2. An organisation id of "" is no organisation.

  @Test
  void anEmptyOrganisationIdIsNoOrganisation() {
    JsonObject v1 = member(Version.V1).put("org_id", "");
    JsonObject v2 = member(Version.V2);
    v2.getJsonObject("o").put("id", "");
    for (JsonObject claims : new JsonObject[]{v1, v2}) {
      assertThat(allowed(claims, ROLE)).isFalse();
      assertThat(allowed(claims, PERMISSION)).isFalse();
      assertThat(allowed(claims, FEATURE)).isTrue();
      assertThat(allowed(claims, PLAN)).isTrue();
      assertThat(allowed(claims, STRICT)).isTrue();
      ClerkIdentity id = DECODER.decode(claims);
      assertThat(id.organization()).isNull();
      JsonObject me = id.toJson();
      assertThat(me.getValue("orgId")).isNull();
      assertThat(me.getValue("orgRole")).isNull();
      assertThat(me.getJsonArray("orgPermissions")).isEmpty();
    }
  }

  // 3. Only the number 2 is version 2.

  static Stream<Arguments> versionTable() {
    return Stream.of(
      Arguments.of(2, "org_v2"), Arguments.of(2.0, "org_v2"), Arguments.of(2L, "org_v2"),
      Arguments.of(2.5, "org_v1"), Arguments.of(2.000001, "org_v1"), Arguments.of(4_294_967_298L, "org_v1"),
      Arguments.of(BigInteger.ONE.shiftLeft(64).add(BigInteger.TWO), "org_v1"), Arguments.of(-2, "org_v1"),
      Arguments.of("2", "org_v1"), Arguments.of(1, "org_v1"), Arguments.of(null, "org_v1"));
  }

  @ParameterizedTest(name = "v = {0} reads {1}")
  @MethodSource("versionTable")
  void onlyTheNumberTwoIsVersion2(Object v, String orgId) {
    JsonObject claims = new JsonObject().put("sub", "user_1").put("fea", "o:pings")
      .put("o", new JsonObject().put("id", "org_v2").put("rol", "admin").put("per", "read").put("fpm", "1"))
      .put("org_id", "org_v1").put("org_role", "org:member").put("org_permissions", new JsonArray().add("org:v1:read"));
    if (v != null) {
      claims.put("v", v);
    }
    ClerkIdentity id = DECODER.decode(claims);
    assertThat(id.organization().id()).isEqualTo(orgId);
    boolean v2 = orgId.equals("org_v2");
    assertThat(allowed(claims, ROLE)).isEqualTo(v2);
    assertThat(allowed(claims, Requirement.role("org:member"))).isEqualTo(!v2);
    assertThat(allowed(claims, PERMISSION)).isEqualTo(v2);
    assertThat(allowed(claims, Requirement.permission("org:v1:read"))).isEqualTo(!v2);
  }

  // 4. An empty entry makes a fea or pla list malformed: nothing in it is granted.

  static Stream<Arguments> emptyEntryTable() {
    // {version, claim, value, role, permission, feature beta, plan pro, strict}
    Object[][] rows = {
      {Version.V1, "pla", "u:pro,", true, true, true, false, true},
      {Version.V1, "pla", ",u:pro", true, true, true, false, true},
      {Version.V1, "pla", "u:pro,,u:max", true, true, true, false, true},
      {Version.V1, "pla", " ", true, true, true, false, true},
      {Version.V1, "pla", "", true, true, true, false, true},
      {Version.V1, "fea", "u:beta,", true, true, false, true, true},
      {Version.V1, "fea", ",u:beta", true, true, false, true, true},
      {Version.V2, "pla", "u:pro,", true, true, true, false, true},
      {Version.V2, "pla", ",u:pro", true, true, true, false, true},
      {Version.V2, "pla", "u:pro,,u:max", true, true, true, false, true},
      {Version.V2, "pla", "", true, true, true, false, true}};
    return Stream.of(rows).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0} {1} \"{2}\"")
  @MethodSource("emptyEntryTable")
  void anEmptyEntryMakesItsListGrantNothing(Version v, String claim, String value, boolean role, boolean permission,
                                            boolean feature, boolean plan, boolean strict) {
    JsonObject claims = member(v).put(claim, value);
    assertThat(allowed(claims, ROLE)).isEqualTo(role);
    assertThat(allowed(claims, PERMISSION)).isEqualTo(permission);
    assertThat(allowed(claims, FEATURE)).isEqualTo(feature);
    assertThat(allowed(claims, PLAN)).isEqualTo(plan);
    assertThat(allowed(claims, STRICT)).isEqualTo(strict);
  }

  // 5. A v2 token with o whose fea, per or fpm Clerk's parser throws on: every check denied.

  static Stream<Arguments> unreadableTable() {
    return Stream.<Arguments>of(
      Arguments.of("fea entry without a colon", (UnaryOperator<JsonObject>) c -> c.put("fea", "o:pings,u:beta,premium")),
      Arguments.of("fea with an empty entry", (UnaryOperator<JsonObject>) c -> c.put("fea", "o:pings,u:beta,")),
      Arguments.of("fea of white space", (UnaryOperator<JsonObject>) c -> c.put("fea", " ")),
      Arguments.of("fea an array", (UnaryOperator<JsonObject>) c -> c.put("fea", new JsonArray().add("o:pings").add("u:beta"))),
      Arguments.of("fea a number", (UnaryOperator<JsonObject>) c -> c.put("fea", 5)),
      Arguments.of("per an array", (UnaryOperator<JsonObject>) c -> {
        c.getJsonObject("o").put("per", new JsonArray().add("read"));
        return c;
      }),
      Arguments.of("per a number", (UnaryOperator<JsonObject>) c -> {
        c.getJsonObject("o").put("per", 7);
        return c;
      }),
      Arguments.of("fpm a number", (UnaryOperator<JsonObject>) c -> {
        c.getJsonObject("o").put("fpm", 1);
        return c;
      }),
      Arguments.of("fpm an object", (UnaryOperator<JsonObject>) c -> {
        c.getJsonObject("o").put("fpm", new JsonObject());
        return c;
      }),
      Arguments.of("o a string and fea with an empty entry", (UnaryOperator<JsonObject>) c -> c.put("o", "org_1").put("fea", "u:beta,")));
  }

  @ParameterizedTest(name = "v2, {0}: everything denied")
  @MethodSource("unreadableTable")
  void aVersion2TokenClerkCannotParseIsDeniedEveryCheck(String name, UnaryOperator<JsonObject> malform) {
    JsonObject claims = malform.apply(member(Version.V2));
    assertThat(DECODER.decode(claims).claimsMalformed()).isTrue();
    for (Requirement r : new Requirement[]{ROLE, PERMISSION, FEATURE, PLAN, STRICT, Requirement.feature("pings")}) {
      assertThat(Authorizer.decide(DECODER.decode(claims), r)).as(r.toString()).isEqualTo(Decision.FORBIDDEN);
    }
  }

  @ParameterizedTest(name = "v1, {0}: only what reads it is denied")
  @MethodSource("unreadableTable")
  void theSameClaimsInAVersion1TokenDenyOnlyWhatReadsThem(String name, UnaryOperator<JsonObject> malform) {
    JsonObject v2 = malform.apply(member(Version.V2));
    JsonObject claims = member(Version.V1).put("fea", v2.getValue("fea"));
    boolean feaReadable = "o:pings,u:beta".equals(v2.getValue("fea"));
    assertThat(DECODER.decode(claims).claimsMalformed()).isFalse();
    assertThat(allowed(claims, ROLE)).isTrue();
    assertThat(allowed(claims, PERMISSION)).isTrue();
    assertThat(allowed(claims, FEATURE)).isEqualTo(feaReadable);
    assertThat(allowed(claims, PLAN)).isTrue();
    assertThat(allowed(claims, STRICT)).isTrue();
  }

  @Test
  void aVersion2TokenWithoutAnOrganisationDeniesOnlyTheMalformedList() {
    JsonObject claims = member(Version.V2).put("fea", "u:beta,");
    claims.remove("o");
    assertThat(allowed(claims, FEATURE)).isFalse();
    assertThat(allowed(claims, PLAN)).isTrue();
    assertThat(allowed(claims, STRICT)).isTrue();
    JsonObject nullPer = member(Version.V2);
    nullPer.getJsonObject("o").putNull("per");
    assertThat(allowed(nullPer, ROLE)).isTrue();
    assertThat(allowed(nullPer, PERMISSION)).isFalse();
  }

  // 6. Trimmed as JavaScript trims.

  static Stream<Arguments> trimTable() {
    // {claim, value, requirement, expected}; plans and features read alike in both versions
    Object[][] both = {
      {"pla", "\u001fu:pro", PLAN, false}, {"pla", "\u00a0u:pro", PLAN, true}, {"pla", "\ufeffu:pro\u3000", PLAN, true},
      {"pla", "u:pro\u2028", PLAN, true}, {"pla", "\u2000u:pro\u200a", PLAN, true}, {"pla", "\t\n\u000b\f\r u:pro", PLAN, true},
      {"pla", "\u0085u:pro", PLAN, false}, {"pla", "\u200bu:pro", PLAN, false}, {"pla", "\u180eu:pro", PLAN, false},
      {"pla", "u:pro\u001c", PLAN, false}, {"fea", "o:pings,\u001fu:beta", FEATURE, false},
      {"fea", "o:pings,\u00a0u:beta", FEATURE, true}};
    Stream<Arguments> rows = Stream.of(Version.values()).flatMap(v -> Stream.of(both).map(r -> Arguments.of(v, r[0], r[1], r[2], r[3])));
    return Stream.concat(rows, Stream.of(
      Arguments.of(Version.V2, "o.per", "\u00a0read", PERMISSION, true),
      Arguments.of(Version.V2, "o.per", "read\u001f", PERMISSION, false),
      Arguments.of(Version.V2, "o.fpm", "\u00a01\u2029", PERMISSION, true),
      Arguments.of(Version.V2, "o.fpm", "1\u001f", PERMISSION, false),
      Arguments.of(Version.V2, "fea", "\u00a0o:pings", PERMISSION, true),
      Arguments.of(Version.V2, "fea", "\u001fo:pings", PERMISSION, false),
      Arguments.of(Version.V1, "org_permissions", " org:pings:read", PERMISSION, false)));
  }

  @ParameterizedTest(name = "{0} {1} {2}: {4}")
  @MethodSource("trimTable")
  void namesAndMasksAreTrimmedAsJavaScriptTrims(Version v, String claim, String value, Requirement r, boolean expected) {
    JsonObject claims = member(v);
    switch (claim) {
      case "o.per" -> claims.getJsonObject("o").put("per", value);
      case "o.fpm" -> claims.getJsonObject("o").put("fpm", value);
      case "org_permissions" -> claims.put(claim, new JsonArray().add(value));
      default -> claims.put(claim, value);
    }
    assertThat(allowed(claims, r)).isEqualTo(expected);
  }

  // Where this service is stricter than Clerk on malformed claims, and stays so.

  @Test
  void staysStricterThanClerkOnMalformedClaims() {
    JsonObject numericOrgV2 = member(Version.V2);
    numericOrgV2.getJsonObject("o").put("id", 5);
    assertThat(allowed(numericOrgV2, ROLE)).as("v2 organisation id 5: Clerk allows").isFalse();
    assertThat(allowed(member(Version.V1).put("org_id", 5), ROLE)).as("v1 organisation id 5: Clerk allows").isFalse();
    assertThat(allowed(member(Version.V1).put("org_role", "org:org:admin"), ROLE)).as("org:org:admin: Clerk allows").isFalse();
    for (Version v : Version.values()) {
      assertThat(allowed(member(v).put("fva", fva(1.5, 2)), Requirement.reverification(Reverification.preset("lax"))))
        .as("fva [1.5, 2]: Clerk allows").isFalse();
    }
  }
}
