package io.paydesk.wechatpay.notify;

import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Turns a notify_url body into a verified, typed notification, or a typed exception; the callback
 * answers {@link NotifyAnswer#SUCCESS} only after it has acted. Thread-safe.
 *
 * <pre>{@code
 * try {
 *   PaymentNotification n = decoder.decodePayment(body);
 *   payments.confirm(n);              // idempotent, checks total_fee
 *   return NotifyAnswer.SUCCESS;
 * } catch (WeChatPayException e) {
 *   return NotifyAnswer.fail(e.code().name());
 * }
 * }</pre>
 */
public final class NotificationDecoder {
  private static final Logger LOG = Logger.getLogger(NotificationDecoder.class.getName());

  private final Merchant merchant;
  private final WeChatXml xml;
  private final Signer signer;
  private final RefundInfoCipher cipher;

  public NotificationDecoder(Merchant merchant) {
    this(merchant, new WeChatXml());
  }

  public NotificationDecoder(Merchant merchant, WeChatXml xml) {
    this.merchant = merchant;
    this.xml = xml;
    this.signer = new Signer(merchant.apiKey());
    this.cipher = new RefundInfoCipher(merchant.apiKey());
  }

  /**
   * Parses safely, requires {@code return_code=SUCCESS}, verifies the signature over every field
   * and checks appid and mch_id.
   *
   * @throws WeChatPayException (XmlRejectedException, InvalidSignatureException,
   *     NotificationRejectedException, or FIELD_* codes)
   */
  public PaymentNotification decodePayment(byte[] body) {
    Map<String, String> fields = xml.parse(body);
    requireReturnSuccess(fields);
    signer.verify(fields, merchant.signType());
    requireOurs(fields);
    PaymentNotification notification = PaymentNotification.from(fields);
    LOG.fine(
        () ->
            "payment notification verified outTradeNo="
                + notification.outTradeNo()
                + " resultCode="
                + fields.get("result_code"));
    return notification;
  }

  /**
   * Parses safely, requires {@code return_code=SUCCESS}, checks appid and mch_id, decrypts {@code
   * req_info} and parses it as the expected {@code <root>} XML with the refund's fields. The
   * notification carries no {@code sign}: its authenticity rests on the key-derived encryption.
   */
  public RefundNotification decodeRefund(byte[] body) {
    Map<String, String> fields = xml.parse(body);
    requireReturnSuccess(fields);
    requireOurs(fields);
    String reqInfo = fields.get("req_info");
    if (reqInfo == null || reqInfo.isEmpty()) {
      throw new NotificationRejectedException(
          Code.FIELD_MISSING, "refund notification has no req_info");
    }
    String plain = cipher.decrypt(reqInfo);
    RefundInfo info;
    try {
      info = RefundInfo.from(xml.parse(plain.getBytes(StandardCharsets.UTF_8), "root"));
    } catch (WeChatPayException e) {
      throw new NotificationRejectedException(
          Code.REFUND_INFO_INVALID, "req_info is not the expected refund XML: " + e.code(), e);
    }
    LOG.fine(
        () ->
            "refund notification decrypted outRefundNo="
                + info.outRefundNo()
                + " outTradeNo="
                + info.outTradeNo()
                + " refundStatus="
                + info.refundStatus());
    return new RefundNotification(fields.get("appid"), fields.get("mch_id"), info, fields);
  }

  private static void requireReturnSuccess(Map<String, String> fields) {
    if (!"SUCCESS".equals(fields.get("return_code"))) {
      throw new NotificationRejectedException(
          Code.NOTIFY_RETURN_FAIL, "notification return_code is not SUCCESS");
    }
  }

  private void requireOurs(Map<String, String> fields) {
    if (!merchant.owns(fields.get("appid"), fields.get("mch_id"))) {
      throw new NotificationRejectedException(
          Code.NOTIFY_WRONG_MERCHANT, "notification is for another appid or mch_id");
    }
  }
}
