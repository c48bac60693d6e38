package io.paydesk.wechatpay.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import io.paydesk.wechatpay.notify.NotifyAnswer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeChatXmlTest {
  private final WeChatXml xml = new WeChatXml();

  @TempDir Path dir;

  @Test
  void parsesCdataAndPlainTextKeepingEveryFieldInOrder() {
    Map<String, String> fields =
        xml.parse(
            "<xml><return_code><![CDATA[SUCCESS]]></return_code>\n"
                + "  <total_fee>100</total_fee><zzz_new><![CDATA[a&b <c>]]></zzz_new>"
                + "<empty></empty></xml>");
    assertThat(fields)
        .containsExactly(
            Map.entry("return_code", "SUCCESS"),
            Map.entry("total_fee", "100"),
            Map.entry("zzz_new", "a&b <c>"),
            Map.entry("empty", ""));
  }

  @Test
  void writesCdataAndRoundTrips() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("body", "T恤,白色 ]]> & <b>");
    fields.put("total_fee", "1");
    String written = WeChatXml.write(fields);
    assertThat(written).startsWith("<xml><body><![CDATA[T恤").endsWith("</total_fee></xml>");
    assertThat(xml.parse(written)).isEqualTo(fields);
  }

  @Test
  void successAnswerIsExactlyWhatWeChatExpects() {
    assertThat(NotifyAnswer.SUCCESS)
        .isEqualTo(
            "<xml><return_code><![CDATA[SUCCESS]]></return_code>"
                + "<return_msg><![CDATA[OK]]></return_msg></xml>");
    assertThat(xml.parse(NotifyAnswer.fail("签名失败")))
        .containsEntry("return_code", "FAIL")
        .containsEntry("return_msg", "签名失败");
  }

  @Test
  void classicXxeReadingALocalFileIsRefused() throws Exception {
    Path secret = Files.writeString(dir.resolve("apikey.txt"), "TOP-SECRET-API-KEY");
    String payload =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>"
            + "<xml><return_code>&xxe;</return_code></xml>";

    assertRefused(() -> xml.parse(payload), Code.XML_DOCTYPE_REFUSED);
    assertThatThrownBy(() -> xml.parse(payload)).hasMessageNotContaining("TOP-SECRET");
  }

  @Test
  void parameterEntityXxeIsRefused() throws Exception {
    Path secret = Files.writeString(dir.resolve("k.txt"), "TOP-SECRET");
    String payload =
        "<!DOCTYPE xml [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]><xml><a>1</a></xml>";
    assertRefused(() -> xml.parse(payload), Code.XML_DOCTYPE_REFUSED);
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [");
    dtd.append("<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      String previous = i == 1 ? "lol" : "lol" + (i - 1);
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      dtd.append(("&" + previous + ";").repeat(10)).append("\">");
    }
    dtd.append("]><xml><a>&lol9;</a></xml>");
    assertRefused(() -> xml.parse(dtd.toString()), Code.XML_DOCTYPE_REFUSED);
  }

  @Test
  void aDoctypeAloneIsRefused() {
    assertRefused(
        () -> xml.parse("<!DOCTYPE xml><xml><return_code>SUCCESS</return_code></xml>"),
        Code.XML_DOCTYPE_REFUSED);
  }

  @Test
  void aUtf16DoctypeIsStillRefusedByTheParser() {
    byte[] body =
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE xml><xml><a>1</a></xml>"
            .getBytes(StandardCharsets.UTF_16);
    assertThatThrownBy(() -> xml.parse(body)).isInstanceOf(XmlRejectedException.class);
  }

  @Test
  void oversizeBodiesAreRefusedBeforeParsing() {
    WeChatXml small = new WeChatXml(1024);
    String big = "<xml><a>" + "x".repeat(2000) + "</a></xml>";
    assertRefused(() -> small.parse(big), Code.XML_TOO_LARGE);
    assertRefused(
        () -> small.parse(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))),
        Code.XML_TOO_LARGE);
    assertThat(new WeChatXml().maxBytes()).isEqualTo(64 * 1024);
  }

  @Test
  void anEndlessStreamIsReadOnlyUpToTheLimit() {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }
        };
    assertRefused(() -> xml.parse(endless), Code.XML_TOO_LARGE);
  }

  @Test
  void xincludeIsNotProcessed() {
    Map<String, String> fields =
        xml.parse(
            "<xml xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                + "<a><![CDATA[1]]></a><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></xml>");
    assertThat(fields).containsEntry("xi:include", "").doesNotContainValue("root:");
  }

  @Test
  void nestedDuplicatedMalformedAndWrongRootAreRefused() {
    assertRefused(() -> xml.parse("<xml><a><b>1</b></a></xml>"), Code.XML_NESTED_ELEMENT);
    assertRefused(() -> xml.parse("<xml><a>1</a><a>2</a></xml>"), Code.XML_DUPLICATE_FIELD);
    assertRefused(() -> xml.parse("<xml><a>1</a>"), Code.XML_MALFORMED);
    assertRefused(() -> xml.parse("not xml"), Code.XML_MALFORMED);
    assertRefused(() -> xml.parse(""), Code.XML_MALFORMED);
    assertRefused(() -> xml.parse("<root><a>1</a></root>"), Code.XML_WRONG_ROOT);
    assertRefused(() -> xml.parse("<xml>text<a>1</a></xml>"), Code.XML_MALFORMED);
  }

  @Test
  void undeclaredEntitiesAreRefused() {
    assertRefused(() -> xml.parse("<xml><a>&xxe;</a></xml>"), Code.XML_MALFORMED);
  }

  @Test
  void aCustomRootIsAccepted() {
    assertThat(xml.parse("<root><a>1</a></root>".getBytes(StandardCharsets.UTF_8), "root"))
        .containsEntry("a", "1");
  }

  @Test
  void parserIsReusableAfterAnError() {
    assertRefused(() -> xml.parse("<xml><a>"), Code.XML_MALFORMED);
    for (int i = 0; i < 40; i++) {
      assertThat(xml.parse("<xml><a>" + i + "</a></xml>")).containsEntry("a", Integer.toString(i));
    }
  }

  @Test
  void writeRefusesNamesThatAreNotIdentifiers() {
    assertThatThrownBy(() -> WeChatXml.write(Map.of("a><b", "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertRefused(ThrowingCallable call, Code code) {
    assertThatThrownBy(call)
        .isInstanceOf(XmlRejectedException.class)
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(code);
  }
}
