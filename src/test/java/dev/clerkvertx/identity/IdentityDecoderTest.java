package dev.clerkvertx.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoding Clerk's identity claims, table by table, against the rules of Clerk's JavaScript SDK
 * (see shared/reference/clerk-authorization.md, section 2). Expected values are written out here,
 * never computed by the code under test.
 */
class IdentityDecoderTest {
  final IdentityDecoder decoder = new IdentityDecoder();

  static JsonObject v2(JsonObject o, String fea) {
    JsonObject c = new JsonObject().put("sub", "user_1").put("sid", "sess_1").put("v", 2).put("o", o);
    return fea == null ? c : c.put("fea", fea);
  }

  static JsonObject org(Object per, Object fpm) {
    JsonObject o = new JsonObject().put("id", "org_1").put("slg", "acme").put("rol", "admin");
    if (per != null) {
      o.put("per", per);
    }
    if (fpm != null) {
      o.put("fpm", fpm);
    }
    return o;
  }

  static String twoTo(int exponent) {
    return BigInteger.ONE.shiftLeft(exponent).toString();
  }

  static Stream<Arguments> permissionTable() {
    return Stream.of(
      Arguments.of("the reference's example: user features listed before organisation features",
        org("manage,read", "3,2"), "o:dashboard,u:billing,o:teams",
        Set.of("org:dashboard:manage", "org:dashboard:read", "org:teams:read")),
      Arguments.of("ou and uo scopes are organisation features too",
        org("read", "1,1"), "ou:a,uo:b", Set.of("org:a:read", "org:b:read")),
      Arguments.of("a mask above 2^64 (bit 70 set): arbitrary precision",
        org("p0,p1,p2,p3,p4,p5,p6,p7,p8,p9,p10,p11,p12,p13,p14,p15,p16,p17,p18,p19,p20,p21,p22,p23,p24,p25,p26,p27,"
          + "p28,p29,p30,p31,p32,p33,p34,p35,p36,p37,p38,p39,p40,p41,p42,p43,p44,p45,p46,p47,p48,p49,p50,p51,p52,p53,"
          + "p54,p55,p56,p57,p58,p59,p60,p61,p62,p63,p64,p65,p66,p67,p68,p69,p70", new BigInteger(twoTo(70)).add(BigInteger.ONE).toString()),
        "o:big", Set.of("org:big:p0", "org:big:p70")),
      Arguments.of("bit 31 set: no 32-bit sign trouble", org("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,"
        + "a1,b1,c1,d1,e1,f1", twoTo(31)), "o:f", Set.of("org:f:f1")),
      Arguments.of("a mask that is not all digits grants nothing", org("read,write", "0x3,-1,3a, 3"), "o:a,o:b,o:c,o:d",
        Set.of("org:d:read", "org:d:write")),
      Arguments.of("bits at or beyond the length of per are ignored", org("read", "7"), "o:a", Set.of("org:a:read")),
      Arguments.of("missing per grants nothing", org(null, "1"), "o:a", Set.of()),
      Arguments.of("missing fpm grants nothing", org("read", null), "o:a", Set.of()),
      Arguments.of("more masks than features: the extra ones are ignored", org("read", "1,1,1"), "o:a", Set.of("org:a:read")),
      Arguments.of("fewer masks than features", org("read", "1"), "o:a,o:b", Set.of("org:a:read")),
      Arguments.of("per that is not a string grants nothing", org(new JsonArray().add("read"), "1"), "o:a", Set.of()),
      Arguments.of("fpm that is not a string grants nothing", org("read", 1), "o:a", Set.of()),
      Arguments.of("an fea entry without a scope makes fea malformed: nothing", org("read", "1,1"), "o:a,b", Set.of()),
      Arguments.of("no fea: no organisation features, nothing", org("read", "1"), null, Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("permissionTable")
  void decodesVersion2OrganisationPermissions(String name, JsonObject o, String fea, Set<String> expected) {
    ClerkIdentity id = decoder.decode(v2(o, fea));
    assertThat(id.organization().permissions()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(id.organization().id()).isEqualTo("org_1");
    assertThat(id.organization().slug()).isEqualTo("acme");
  }

  @Test
  void permissionBitsStayProportionalToTheClaimWhateverItsShape() {
    // 400 organisation features and 900 names, but only the last feature's mask has bits: a dense
    // matrix would hold 360,000 bits (45 KB); the ragged layout holds 401 row offsets and this one row
    StringBuilder fea = new StringBuilder();
    StringBuilder per = new StringBuilder();
    StringBuilder fpm = new StringBuilder();
    for (int f = 0; f < 400; f++) {
      fea.append(f == 0 ? "" : ",").append("o:f").append(f);
      fpm.append(f == 0 ? "" : ",").append(f == 399 ? new BigInteger(twoTo(899)).add(BigInteger.ONE).toString() : "0");
    }
    for (int p = 0; p < 900; p++) {
      per.append(p == 0 ? "" : ",").append("p").append(p);
    }
    ClerkIdentity id = decoder.decode(v2(org(per.toString(), fpm.toString()), fea.toString()));
    assertThat(id.organization().permissions()).containsExactlyInAnyOrder("org:f399:p0", "org:f399:p899");
    assertThat(id.organization().hasPermission("org:f399:p899")).isTrue();
    assertThat(id.organization().hasPermission("org:f398:p899")).isFalse();
    assertThat(id.organization().hasPermission("org:f399:p898")).isFalse();
    assertThat(id.estimatedBytes()).isLessThan(2_500);
  }

  /** The rule of the reference, section 2, written plainly: one string per granted permission. */
  static Set<String> plainly(List<String> orgFeatures, List<String> names, List<String> masks) {
    Set<String> granted = new java.util.HashSet<>();
    for (int i = 0; i < Math.min(orgFeatures.size(), masks.size()); i++) {
      BigInteger mask = new BigInteger(masks.get(i));
      for (int j = 0; j < names.size(); j++) {
        if (mask.testBit(j)) {
          granted.add("org:" + orgFeatures.get(i) + ":" + names.get(j));
        }
      }
    }
    return granted;
  }

  @Test
  void permissionBitsAgreeWithThePlainRuleOnRandomShapes() {
    Random random = new Random(14);
    for (int round = 0; round < 300; round++) {
      int features = 1 + random.nextInt(round % 3 == 0 ? 60 : 8);
      int names = 1 + random.nextInt(round % 5 == 0 ? 150 : 30);
      List<String> fea = new ArrayList<>();
      List<String> orgFeatures = new ArrayList<>();
      for (int f = 0; f < features; f++) {
        boolean user = random.nextInt(4) == 0;
        String name = "f" + random.nextInt(features + 2);
        fea.add((user ? "u:" : random.nextBoolean() ? "o:" : "ou:") + name);
        if (!user) {
          orgFeatures.add(name);
        }
      }
      List<String> per = new ArrayList<>();
      for (int n = 0; n < names; n++) {
        per.add("p" + n);
      }
      List<String> masks = new ArrayList<>();
      for (int m = 0; m < orgFeatures.size() + random.nextInt(3) - 1; m++) {
        masks.add(random.nextInt(3) == 0 ? "0" : new BigInteger(1 + random.nextInt(names + 20), random).toString());
      }
      Set<String> expected = plainly(orgFeatures, per, masks);
      Organization o = decoder.decode(v2(org(String.join(",", per), String.join(",", masks)), String.join(",", fea))).organization();
      assertThat(o.permissions()).as("round %d", round).isEqualTo(expected);
      for (String f : orgFeatures) {
        for (String n : per) {
          String p = "org:" + f + ":" + n;
          assertThat(o.hasPermission(p)).as("round %d %s", round, p).isEqualTo(expected.contains(p));
        }
      }
    }
  }

  @Test
  void repeatedFeaturesGrantWhatAnyOfTheirMasksGrants() {
    Organization o = decoder.decode(v2(org("read,write", "1,2"), "o:a,o:a")).organization();
    assertThat(o.permissions()).containsExactlyInAnyOrder("org:a:read", "org:a:write");
    assertThat(o.hasPermission("org:a:write")).isTrue();
  }

  @Test
  void feaThatIsNotAStringIsMalformed() {
    ClerkIdentity id = decoder.decode(v2(org("read", "1"), null).put("fea", new JsonArray().add("o:a")));
    assertThat(id.features().malformed()).isTrue();
    assertThat(id.organization().permissions()).isEmpty();
  }

  @Test
  void version2RoleIsAnsweredWithTheOrgPrefixOnce() {
    assertThat(decoder.decode(v2(org("r", "1"), "o:a")).organization().role()).isEqualTo("org:admin");
    assertThat(decoder.decode(v2(org("r", "1").put("rol", "org:member"), "o:a")).organization().role())
      .isEqualTo("org:member");
  }

  @Test
  void version2WithoutAnOrganisationObjectHasNoOrganisation() {
    assertThat(decoder.decode(v2(null, "o:a").put("o", "org_1")).organization()).isNull();
    assertThat(decoder.decode(v2(null, "o:a").put("o", new JsonArray())).organization()).isNull();
    assertThat(decoder.decode(v2(new JsonObject().put("rol", "admin"), "o:a")).organization()).isNull();
  }

  @Test
  void version1ClaimsAreReadAsTheyAre() {
    ClerkIdentity id = decoder.decode(new JsonObject().put("sub", "user_1").put("sid", "sess_1")
      .put("org_id", "org_9").put("org_role", "org:member").put("org_slug", "team")
      .put("org_permissions", new JsonArray().add("org:invoices:read").add(7).add("org:invoices:write")));
    assertThat(id.organization().id()).isEqualTo("org_9");
    assertThat(id.organization().slug()).isEqualTo("team");
    assertThat(id.organization().role()).isEqualTo("org:member");
    assertThat(id.organization().permissions()).containsExactlyInAnyOrder("org:invoices:read", "org:invoices:write");
    // v1 keys are ignored in a v2 token, and v2 keys in a v1 token
    assertThat(decoder.decode(new JsonObject().put("sub", "u").put("org_id", "org_9").put("v", 2)).organization()).isNull();
    assertThat(decoder.decode(new JsonObject().put("sub", "u").put("o", org("r", "1"))).organization()).isNull();
    assertThat(decoder.decode(new JsonObject().put("sub", "u").put("org_id", "org_9").put("org_permissions", "x"))
      .organization().permissions()).isEmpty();
  }

  static Stream<Arguments> factorAgeTable() {
    return Stream.of(
      Arguments.of(new JsonArray().add(3).add(-1), new FactorAges(3, -1)),
      Arguments.of(new JsonArray().add(0).add(0), new FactorAges(0, 0)),
      Arguments.of(new JsonArray().add(-1).add(-1), new FactorAges(-1, -1)),
      Arguments.of(new JsonArray().add(1), null),
      Arguments.of(new JsonArray().add(1).add(2).add(3), null),
      Arguments.of(new JsonArray().add(1.5).add(2), null),
      Arguments.of(new JsonArray().add("1").add(2), null),
      Arguments.of(new JsonArray().add(-2).add(2), null),
      Arguments.of(new JsonArray().add(1L << 40).add(2), null),
      Arguments.of("3,4", null));
  }

  @ParameterizedTest(name = "fva {0}")
  @MethodSource("factorAgeTable")
  void factorVerificationAgeIsTwoWholeMinutesOrNothing(Object fva, FactorAges expected) {
    assertThat(decoder.decode(new JsonObject().put("sub", "u").put("fva", fva)).factorAges()).isEqualTo(expected);
  }

  @Test
  void featuresPlansAndActorAreKeptAsTheClaimsSayThem() {
    ClerkIdentity id = decoder.decode(new JsonObject().put("sub", "u").put("fea", "o:dashboard, u:billing")
      .put("pla", "u:pro").put("act", new JsonObject().put("sub", "user_admin")));
    assertThat(id.features().entries()).containsExactly("o:dashboard", "u:billing");
    assertThat(id.features().org()).containsExactly("dashboard");
    assertThat(id.features().user()).containsExactly("billing");
    assertThat(id.plans().user()).containsExactly("pro");
    assertThat(id.actor()).isEqualTo(new JsonObject().put("sub", "user_admin"));
    assertThat(decoder.decode(new JsonObject().put("sub", "u").put("act", "user_admin")).actor()).isNull();
  }

  @Test
  void sessionsOfOneOrganisationShareNamesAndListsButHoldTheirOwnBits() {
    JsonObject claims = v2(org("read,write", "3"), "o:a,u:b");
    ClerkIdentity one = decoder.decode(claims.copy().put("sub", "user_1"));
    ClerkIdentity two = decoder.decode(claims.copy().put("sub", "user_2"));
    assertThat(one.features()).isSameAs(two.features());
    assertThat(one.organization()).isNotSameAs(two.organization()).isEqualTo(two.organization());
    assertThat(one.organization().role()).isSameAs(two.organization().role());
    assertThat(one.organization().permissions()).containsExactly("org:a:read", "org:a:write");
  }
}
