package io.paydesk.api;

import io.paydesk.gateway.boundary.WeChatPayGateway;
import io.paydesk.gateway.entity.NotificationReply;
import io.paydesk.payment.boundary.PaymentService;
import io.paydesk.refund.boundary.RefundService;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * WeChat's API v3 callbacks: the raw JSON body and the {@code Wechatpay-*} headers go to the
 * protocol library through the payment and refund boundaries. A notification that is recorded (its
 * change committed) is answered 204; one that did not verify 400, one not recorded now 500, both
 * with WeChat's {@code {"code":"FAIL","message":…}}, and WeChat sends it again.
 */
// Open to everyone: WeChat calls these from the internet and proves itself by its RSA signature
// (Wechatpay-Signature), which the protocol library verifies before anything changes.
@PermitAll
@Path("wechat/v3/notify")
public class WeChatV3NotifyResource {

  @EJB PaymentService payments;
  @EJB RefundService refunds;

  /** The payment notification ({@code TRANSACTION.SUCCESS}, the prepay's {@code notify_url}). */
  @POST
  @Path("pay")
  public Response pay(@Context HttpHeaders headers, InputStream body) throws IOException {
    return answer(
        payments.onPaymentNotificationV3(
            headers::getHeaderString, WeChatNotifyResource.limited(body)));
  }

  /** The refund notification ({@code REFUND.SUCCESS|ABNORMAL|CLOSED}), resource encrypted. */
  @POST
  @Path("refund")
  public Response refund(@Context HttpHeaders headers, InputStream body) throws IOException {
    return answer(
        refunds.onRefundNotificationV3(
            headers::getHeaderString, WeChatNotifyResource.limited(body)));
  }

  /**
   * A merchant's payment notification: verified and decrypted with that merchant's keys only, and
   * applied only to that merchant's order (the URL without a mch_id is the first merchant's).
   */
  @POST
  @Path("pay/{mchId}")
  public Response pay(
      @PathParam("mchId") String mchId, @Context HttpHeaders headers, InputStream body)
      throws IOException {
    return answer(
        payments.onPaymentNotificationV3(
            headers::getHeaderString, WeChatNotifyResource.limited(body), mchId));
  }

  /** A merchant's refund notification, decrypted with that merchant's keys only. */
  @POST
  @Path("refund/{mchId}")
  public Response refund(
      @PathParam("mchId") String mchId, @Context HttpHeaders headers, InputStream body)
      throws IOException {
    return answer(
        refunds.onRefundNotificationV3(
            headers::getHeaderString, WeChatNotifyResource.limited(body), mchId));
  }

  static Response answer(NotificationReply reply) {
    return switch (reply.kind()) {
      case TAKEN -> Response.noContent().build();
      case REJECTED ->
          Response.status(400)
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(WeChatPayGateway.notTakenV3(reply.reason()))
              .build();
      case NOT_TAKEN ->
          Response.status(500)
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(WeChatPayGateway.notTakenV3(reply.reason()))
              .build();
    };
  }
}
