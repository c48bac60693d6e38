package io.paydesk.api;

import io.paydesk.payment.boundary.PaymentService;
import io.paydesk.refund.boundary.RefundService;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;

/**
 * WeChat's callbacks: the raw body goes to the protocol library through the payment boundary, and
 * the answer is exactly WeChat's XML, whatever happened.
 */
// Open to everyone: WeChat calls these from the internet and proves itself by its signature, which
// the protocol library verifies before anything changes.
@PermitAll
@Path("wechat/notify")
public class WeChatNotifyResource {

  /** WeChat's notifications are a few hundred bytes; the library's limit is 64 KiB. */
  static final int MAX_BODY = 64 * 1024;

  @EJB PaymentService payments;
  @EJB RefundService refunds;

  /** The payment notification ({@code notify_url} of the unified order). */
  @POST
  @Path("pay")
  @Produces(MediaType.TEXT_XML)
  public String pay(InputStream body) throws IOException {
    return payments.onPaymentNotification(limited(body));
  }

  /**
   * A merchant's payment notification: verified with that merchant's key only, and applied only to
   * that merchant's order (the URL without a mch_id is the first merchant's).
   */
  @POST
  @Path("pay/{mchId}")
  @Produces(MediaType.TEXT_XML)
  public String pay(@PathParam("mchId") String mchId, InputStream body) throws IOException {
    return payments.onPaymentNotification(limited(body), mchId);
  }

  /** A merchant's refund notification, decrypted with that merchant's key only. */
  @POST
  @Path("refund/{mchId}")
  @Produces(MediaType.TEXT_XML)
  public String refund(@PathParam("mchId") String mchId, InputStream body) throws IOException {
    return refunds.onRefundNotification(limited(body), mchId);
  }

  /** The refund notification ({@code notify_url} of the refund): {@code req_info} encrypted. */
  @POST
  @Path("refund")
  @Produces(MediaType.TEXT_XML)
  public String refund(InputStream body) throws IOException {
    return refunds.onRefundNotification(limited(body));
  }

  /**
   * At most {@link #MAX_BODY} bytes and one more, so that the library refuses an oversized body
   * without PayDesk reading all of it.
   */
  static byte[] limited(InputStream body) throws IOException {
    return body == null ? new byte[0] : body.readNBytes(MAX_BODY + 1);
  }
}
