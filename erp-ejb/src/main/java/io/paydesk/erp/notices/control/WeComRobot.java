package io.paydesk.erp.notices.control;

import io.paydesk.erp.notices.entity.SendOutcome;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * A WeCom (企业微信) group robot: {@code POST} of {@code {"msgtype":"markdown","markdown":{"content":
 * …}}} to the robot's webhook URL (which carries its {@code key}); the robot answers {@code
 * {"errcode":0,"errmsg":"ok"}}. The only class that knows WeCom's error codes: a busy or
 * rate-limited robot (-1, 45009: at most 20 messages a minute per robot), a webhook key WeCom does
 * not know (93000: a configuration to fix, after which the waiting alerts go out), no answer and
 * HTTP errors are tried again later; any other errcode refuses the message as it is.
 */
public final class WeComRobot {

  /** WeCom's limit for a markdown message: 4,096 bytes of UTF-8. */
  public static final int MAX_MARKDOWN_BYTES = 4096;

  private static final Set<Integer> TRY_AGAIN = Set.of(-1, 45009, 93000);

  private WeComRobot() {}

  /** Sends one markdown message; never throws for the robot's or the network's trouble. */
  public static SendOutcome send(HttpClient http, URI webhook, String markdown, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body(markdown), StandardCharsets.UTF_8))
            .build();
    return OutboundHttp.exchange(http, request, "WeCom", WeComRobot::outcome);
  }

  /** The request body: a markdown message. */
  static String body(String markdown) {
    return Json.createObjectBuilder()
        .add("msgtype", "markdown")
        .add("markdown", Json.createObjectBuilder().add("content", markdown))
        .build()
        .toString();
  }

  /** WeCom's answer in PayDesk's terms. */
  static SendOutcome outcome(int status, String body) {
    if (status != 200) {
      return new SendOutcome.Retry("WeCom HTTP " + status);
    }
    JsonObject answer;
    try {
      answer = Json.createReader(new StringReader(body == null ? "" : body)).readObject();
    } catch (JsonException | IllegalStateException e) {
      return new SendOutcome.Retry("WeCom answered no JSON");
    }
    int errcode = answer.getInt("errcode", Integer.MIN_VALUE);
    String said = "errcode=" + errcode + " errmsg=" + answer.getString("errmsg", "");
    if (errcode == 0) {
      return new SendOutcome.Sent(null, said);
    }
    if (errcode == Integer.MIN_VALUE || TRY_AGAIN.contains(errcode)) {
      return new SendOutcome.Retry(said);
    }
    return new SendOutcome.Refused(said);
  }
}
