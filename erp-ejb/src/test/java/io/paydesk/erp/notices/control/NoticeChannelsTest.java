package io.paydesk.erp.notices.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.erp.notices.control.NoticeSettings.Printer;
import io.paydesk.erp.notices.entity.SendOutcome;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WeCom robot's and the Feieyun printer's wire formats and answers, without a network. */
class NoticeChannelsTest {

  @Test
  void weComGetsAMarkdownMessageAndItsAnswersAreMappedOnce() {
    assertThat(WeComRobot.body("## 新订单\n> 金额: ¥1.00"))
        .isEqualTo(
            "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"## 新订单\\n> 金额: ¥1.00\"}}");
    assertThat(WeComRobot.outcome(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"))
        .isInstanceOf(SendOutcome.Sent.class);
    // rate limited, busy, a key WeCom does not know (configuration to fix): later
    assertThat(WeComRobot.outcome(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"))
        .isEqualTo(new SendOutcome.Retry("errcode=45009 errmsg=api freq out of limit"));
    assertThat(WeComRobot.outcome(200, "{\"errcode\":-1,\"errmsg\":\"system busy\"}"))
        .isInstanceOf(SendOutcome.Retry.class);
    assertThat(WeComRobot.outcome(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"))
        .isInstanceOf(SendOutcome.Retry.class);
    assertThat(WeComRobot.outcome(503, "<html>"))
        .isEqualTo(new SendOutcome.Retry("WeCom HTTP 503"));
    assertThat(WeComRobot.outcome(200, "<html>")).isInstanceOf(SendOutcome.Retry.class);
    // a message WeCom refuses as it is stays refused
    assertThat(
            WeComRobot.outcome(200, "{\"errcode\":40058,\"errmsg\":\"content exceed max length\"}"))
        .isInstanceOf(SendOutcome.Refused.class);
  }

  @Test
  void feieyunIsSignedWithSha1OfUserUkeyAndTimeAndItsAnswersAreMapped() {
    // FIPS 180's vector: SHA-1("abc")
    assertThat(FeieyunPrinter.signature("a", "b", "c"))
        .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    Printer printer =
        new Printer(URI.create("https://api.feieyun.cn/Api/Open/"), "shop@x.cn", "K3Y", "918", 2);
    Map<String, String> form =
        decode(FeieyunPrinter.form(printer, "<CB>小票</CB><BR>", Instant.ofEpochSecond(1700000000)));
    assertThat(form)
        .containsEntry("user", "shop@x.cn")
        .containsEntry("stime", "1700000000")
        .containsEntry("sig", FeieyunPrinter.signature("shop@x.cn", "K3Y", "1700000000"))
        .containsEntry("apiname", "Open_printMsg")
        .containsEntry("sn", "918")
        .containsEntry("content", "<CB>小票</CB><BR>")
        .containsEntry("times", "2")
        .doesNotContainValue("K3Y");
    assertThat(printer.toString()).doesNotContain("K3Y");

    assertThat(
            FeieyunPrinter.outcome(
                200,
                "{\"msg\":\"ok\",\"ret\":0,\"data\":\"918_20261205_1\",\"serverExecutedTime\":3}"))
        .isEqualTo(new SendOutcome.Sent("918_20261205_1", "ret=0 msg=ok"));
    assertThat(FeieyunPrinter.outcome(200, "{\"msg\":\"时间戳不正确\",\"ret\":-3,\"data\":null}"))
        .isInstanceOf(SendOutcome.Retry.class);
    assertThat(FeieyunPrinter.outcome(200, "{\"msg\":\"打印机编号错误\",\"ret\":1002,\"data\":null}"))
        .isEqualTo(new SendOutcome.Refused("ret=1002 msg=打印机编号错误"));
    assertThat(FeieyunPrinter.outcome(502, "")).isInstanceOf(SendOutcome.Retry.class);
    assertThat(FeieyunPrinter.outcome(200, "{}")).isInstanceOf(SendOutcome.Retry.class);
  }

  private static Map<String, String> decode(String form) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : form.split("&")) {
      String[] kv = pair.split("=", 2);
      fields.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return fields;
  }
}
