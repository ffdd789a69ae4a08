package dev.clerkvertx.graphql;

import io.vertx.core.json.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** JsonSize agrees with the bytes Vert.x's encoder writes, and cannot be made to loop. */
class JsonSizeTest {
  static long encoded(Object value) {
    return Json.encode(value).getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void countsWhatTheEncoderWrites() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("plain", "abc");
    map.put("escapes", "quote \" backslash \\ newline \n tab \t bell \u0007 nul \u0000 del \u007f");
    map.put("unicode", "é ñ 中文 😀 \u2028");
    map.put("numbers", List.of(0, -1, 7, 123456789, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE));
    map.put("bools", List.of(true, false));
    map.put("null", null);
    map.put("nested", Map.of("a", List.of(List.of(), Map.of(), List.of("x"))));
    map.put("kéy \"quoted\"", 1);
    map.put("big", new BigInteger("123456789012345678901234567890"));
    map.put("decimal", 1.5);
    map.put("bigDecimal", new BigDecimal("3.14159"));
    for (Object value : List.of(map, "", "x", List.of(), 42, true)) {
      assertThat(JsonSize.of(value)).as(Json.encode(value)).isEqualTo(encoded(value));
    }
  }

  @Test
  void aValueHoldingItselfCountsAsHugeAtOnce() {
    List<Object> loop = new ArrayList<>();
    loop.add(loop);
    loop.add(loop);
    assertThat(JsonSize.of(loop)).isEqualTo(JsonSize.HUGE);
    assertThat(JsonSize.structure(loop)).isEqualTo(JsonSize.HUGE);
  }
}
