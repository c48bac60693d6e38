package io.paydesk.wechatpay.v3.notify;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import io.paydesk.wechatpay.v3.ApiV3Merchant;
import io.paydesk.wechatpay.v3.DomesticRefund;
import io.paydesk.wechatpay.v3.Transaction;
import io.paydesk.wechatpay.v3.crypto.AeadAesGcm;
import io.paydesk.wechatpay.v3.crypto.SignatureCheck;
import io.paydesk.wechatpay.v3.crypto.SignatureHeaders;
import io.paydesk.wechatpay.v3.json.Json;
import io.paydesk.wechatpay.v3.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Decodes API v3 notifications: the raw body and the four {@code Wechatpay-*} headers in, a typed
 * event out — after the signature and its timestamp are verified (the same {@link SignatureCheck}
 * as the client's answers), the envelope parsed, the {@code resource} decrypted with
 * AEAD_AES_256_GCM and the APIv3 key, and the merchant checked. Unknown fields are ignored.
 * Thread-safe. Answer a notification that decodes with HTTP 200 or 204 (no body) after the change
 * is durable; anything that throws with a 4xx/5xx and {@link #failAnswer(String)}.
 */
public final class ApiV3NotificationDecoder {
  private final ApiV3Merchant merchant;
  private final SignatureCheck check;
  private final AeadAesGcm cipher;
  private final Json json;

  public ApiV3NotificationDecoder(ApiV3Merchant merchant, SignatureCheck check) {
    this.merchant = merchant;
    this.check = check;
    this.cipher = new AeadAesGcm(merchant.apiV3Key());
    this.json = new Json(64 * 1024);
  }

  /**
   * A payment notification ({@code TRANSACTION.SUCCESS}).
   *
   * @throws WeChatPayException on a bad signature, stale timestamp, unknown serial, undecryptable
   *     resource, another merchant, or a malformed message
   */
  public PaymentEvent decodePayment(SignatureHeaders headers, byte[] body) {
    Envelope e = open(headers, body, "transaction");
    Transaction t = Transaction.from(e.resource);
    requireOwned(t.appId(), t.mchId());
    return new PaymentEvent(e.id, e.eventType, e.createTime, e.summary, t);
  }

  /**
   * A refund notification ({@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL}, {@code REFUND.CLOSED}).
   */
  public RefundEvent decodeRefund(SignatureHeaders headers, byte[] body) {
    Envelope e = open(headers, body, "refund");
    DomesticRefund r = DomesticRefund.from(e.resource);
    requireOwned(null, e.resource.string("mchid"));
    return new RefundEvent(e.id, e.eventType, e.createTime, e.summary, r);
  }

  /** The body of a failure answer: {@code {"code":"FAIL","message":…}}. */
  public static String failAnswer(String message) {
    return Json.write(java.util.Map.of("code", "FAIL", "message", message));
  }

  private Envelope open(SignatureHeaders headers, byte[] body, String originalType) {
    check.check(headers, body);
    JsonObject envelope = json.parseObject(body);
    JsonObject resource = envelope.object("resource");
    if (!AeadAesGcm.ALGORITHM.equals(resource.string("algorithm"))) {
      throw new WeChatPayException(Code.FIELD_INVALID, "unknown resource algorithm");
    }
    String type = resource.optString("original_type");
    if (type != null && !type.equals(originalType)) {
      throw new WeChatPayException(
          Code.FIELD_INVALID,
          "a " + type + " notification where " + originalType + " was expected");
    }
    String plain =
        cipher.decrypt(
            resource.optString("associated_data"),
            resource.string("nonce"),
            resource.string("ciphertext"));
    JsonObject decrypted = json.parseObject(plain.getBytes(StandardCharsets.UTF_8));
    Instant created;
    try {
      String c = envelope.optString("create_time");
      created = c == null ? null : BeijingTime.parseRfc3339(c);
    } catch (IllegalArgumentException ex) {
      throw new WeChatPayException(Code.FIELD_INVALID, ex.getMessage(), ex);
    }
    return new Envelope(
        envelope.string("id"),
        envelope.string("event_type"),
        created,
        envelope.optString("summary"),
        decrypted);
  }

  private void requireOwned(String appId, String mchId) {
    if (!merchant.owns(appId, mchId)) {
      throw new WeChatPayException(
          Code.NOTIFY_WRONG_MERCHANT, "notification for another merchant mchId=" + mchId);
    }
  }

  private record Envelope(
      String id, String eventType, Instant createTime, String summary, JsonObject resource) {}
}
