package io.paydesk.wechatpay.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import io.paydesk.wechatpay.v3.json.Json;
import io.paydesk.wechatpay.v3.json.JsonNumber;
import io.paydesk.wechatpay.v3.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  private final Json json = new Json();

  @Test
  void readsNestedValuesAndKeepsUnknownFields() {
    JsonObject o =
        json.parseObject(
            "{\"a\":\"x\\u4e2d\\n\",\"n\":-12,\"f\":1.5e3,\"big\":123456789012345678901,"
                + "\"t\":true,\"z\":null,\"o\":{\"k\":[1,{\"q\":\"r\"}]},\"new_field\":[]}");
    assertThat(o.string("a")).isEqualTo("x中\n");
    assertThat(o.longValue("n")).isEqualTo(-12);
    assertThat(o.asMap().get("f")).isEqualTo(new JsonNumber("1.5e3"));
    assertThat(o.asMap().get("big")).isEqualTo(new JsonNumber("123456789012345678901"));
    assertThat(o.optString("z")).isNull();
    assertThat(o.has("z")).isFalse();
    assertThat(o.optString("absent")).isNull();
    assertThatThrownBy(() -> o.object("o").objects("k"))
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.FIELD_INVALID);
    assertThat(json.parseObject("{\"d\":[{\"q\":\"r\"}]}").objects("d").get(0).string("q"))
        .isEqualTo("r");
    assertThat(o.asMap()).containsKey("new_field");
  }

  @Test
  void refusesWhatIsNotStrictJson() {
    for (String bad :
        List.of(
            "{\"a\":1,\"a\":2}",
            "{\"a\":1",
            "{\"a\":01}",
            "{\"a\":'x'}",
            "{\"a\":1} x",
            "[1]",
            "{\"a\":\"tab\there\"}",
            "{\"a\":tru}",
            "{\"a\":\"\\x\"}",
            "{\"a\":1.}")) {
      assertThatThrownBy(() -> json.parseObject(bad))
          .as(bad)
          .isInstanceOf(WeChatPayException.class)
          .extracting(e -> ((WeChatPayException) e).code())
          .isEqualTo(Code.JSON_MALFORMED);
    }
  }

  @Test
  void capsSizeDepthAndRefusesInvalidUtf8() {
    assertThatThrownBy(() -> new Json(10).parseObject("{\"a\":\"0123456789\"}"))
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.JSON_TOO_LARGE);
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    assertThatThrownBy(() -> json.parseObject(deep))
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.JSON_MALFORMED);
    byte[] invalid = "{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> json.parseObject(invalid))
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.JSON_MALFORMED);
  }

  @Test
  void typedGettersSayWhatIsWrong() {
    JsonObject o = json.parseObject("{\"s\":1,\"n\":\"1\"}");
    assertThatThrownBy(() -> o.string("s"))
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.FIELD_INVALID);
    assertThatThrownBy(() -> o.longValue("n"))
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.FIELD_INVALID);
    assertThatThrownBy(() -> o.string("missing"))
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.FIELD_MISSING);
  }

  @Test
  void writesWhatItReads() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "引号\"\\/\u0001");
    m.put("n", 42L);
    m.put("skip", null);
    m.put("o", Map.of("b", true));
    m.put("l", List.of(1L, "x"));
    String text = Json.write(m);
    assertThat(text).doesNotContain("skip");
    JsonObject back = json.parseObject(text);
    assertThat(back.string("s")).isEqualTo("引号\"\\/\u0001");
    assertThat(back.longValue("n")).isEqualTo(42);
    assertThat(back.object("o").asMap()).containsEntry("b", true);
  }
}
