package io.paydesk.erp.notices.control;

import io.paydesk.erp.notices.control.NoticeSettings.Printer;
import io.paydesk.erp.notices.entity.SendOutcome;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Feieyun (飞鹅) cloud receipt printer, through Feieyun's open API: a form {@code POST} with the
 * account ({@code user}), the time in seconds ({@code stime}), {@code sig} = SHA-1 of user + UKEY +
 * stime (40 lowercase hex digits), {@code apiname=Open_printMsg}, the printer's {@code sn}, the
 * ticket {@code content} (Feieyun's tags: {@code <CB>}, {@code <BR>}, {@code <CUT>} …) and {@code
 * times} (copies). Feieyun answers {@code {"msg":"ok","ret":0,"data":"<print order id>",…}}; any
 * other {@code ret} refuses the ticket with Feieyun's words, except -3 (the request's time is too
 * far from Feieyun's: tried again later). No answer and HTTP errors are tried again later.
 */
public final class FeieyunPrinter {

  /** Feieyun's limit for one ticket's content. */
  public static final int MAX_CONTENT_BYTES = 5000;

  static final String PRINT = "Open_printMsg";

  private FeieyunPrinter() {}

  /** Prints one ticket; never throws for the printer's or the network's trouble. */
  public static SendOutcome print(
      HttpClient http, Printer printer, String content, Instant now, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(printer.url())
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(form(printer, content, now)))
            .build();
    return OutboundHttp.exchange(http, request, "Feieyun", FeieyunPrinter::outcome);
  }

  /** The form Feieyun's Open_printMsg takes, URL-encoded. */
  static String form(Printer printer, String content, Instant now) {
    String stime = Long.toString(now.getEpochSecond());
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("user", printer.user());
    fields.put("stime", stime);
    fields.put("sig", signature(printer.user(), printer.ukey(), stime));
    fields.put("apiname", PRINT);
    fields.put("sn", printer.sn());
    fields.put("content", content);
    fields.put("times", Integer.toString(printer.copies()));
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** SHA-1 of user + UKEY + stime, as 40 lowercase hex digits. */
  public static String signature(String user, String ukey, String stime) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1")
                  .digest((user + ukey + stime).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }

  /** Feieyun's answer in PayDesk's terms. */
  static SendOutcome outcome(int status, String body) {
    if (status != 200) {
      return new SendOutcome.Retry("Feieyun HTTP " + status);
    }
    JsonObject answer;
    try {
      answer = Json.createReader(new StringReader(body == null ? "" : body)).readObject();
    } catch (JsonException | IllegalStateException e) {
      return new SendOutcome.Retry("Feieyun answered no JSON");
    }
    JsonValue retValue = answer.get("ret");
    if (retValue == null || retValue.getValueType() != JsonValue.ValueType.NUMBER) {
      return new SendOutcome.Retry("Feieyun answered without ret");
    }
    int ret = answer.getInt("ret");
    String msg = answer.getString("msg", "");
    if (ret == 0) {
      JsonValue data = answer.get("data");
      String printId = data instanceof JsonString s ? s.getString() : null;
      return new SendOutcome.Sent(printId, "ret=0 msg=" + msg);
    }
    String said = "ret=" + ret + " msg=" + msg;
    return ret == -3 ? new SendOutcome.Retry(said) : new SendOutcome.Refused(said);
  }
}
