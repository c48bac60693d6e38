package io.paydesk.wechatpay.notify;

import io.paydesk.wechatpay.xml.WeChatXml;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exact answers WeChat expects from a notify_url (content type {@code text/xml}). */
public final class NotifyAnswer {
  /** Stops WeChat's retries: the notification was handled (or had been already). */
  public static final String SUCCESS =
      "<xml><return_code><![CDATA[SUCCESS]]></return_code>"
          + "<return_msg><![CDATA[OK]]></return_msg></xml>";

  private NotifyAnswer() {}

  /** Asks WeChat to retry later; {@code message} is shown to no one but WeChat's logs. */
  public static String fail(String message) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("return_code", "FAIL");
    fields.put("return_msg", message);
    return WeChatXml.write(fields);
  }
}
