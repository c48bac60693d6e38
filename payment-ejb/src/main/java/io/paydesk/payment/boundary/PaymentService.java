package io.paydesk.payment.boundary;

import io.paydesk.gateway.boundary.WeChatOutcomes;
import io.paydesk.gateway.boundary.WeChatPayGateway;
import io.paydesk.payment.control.PaymentProof;
import io.paydesk.payment.control.PaymentRecords;
import io.paydesk.payment.control.PaymentRecords.AttemptState;
import io.paydesk.payment.control.PaymentRecords.PaymentPlan;
import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.payment.entity.Transition;
import io.paydesk.platform.audit.boundary.Audited;
import io.paydesk.platform.client.entity.Scope;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.job.boundary.Backoff;
import io.paydesk.wechatpay.WeChatError;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.CloseOrderResponse;
import io.paydesk.wechatpay.client.OrderQueryResponse;
import io.paydesk.wechatpay.client.UnifiedOrderRequest;
import io.paydesk.wechatpay.client.UnifiedOrderResponse;
import io.paydesk.wechatpay.notify.NotifyAnswer;
import io.paydesk.wechatpay.notify.PaymentNotification;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Payments: getting a prepay_id for the mini-program, taking WeChat's payment notifications, and
 * asking WeChat about attempts whose outcome is not known yet (the janitor's path, also run by
 * staff on demand). Calls to WeChat happen outside any transaction; what they teach is applied
 * through {@link PaymentRecords}, one short locked transaction each, by the same code whatever the
 * source.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PaymentService {

  private static final Logger LOG = Logger.getLogger(PaymentService.class.getName());

  /** WeChat refuses to close an order younger than this. */
  static final Duration CLOSE_MIN_AGE = Duration.ofMinutes(5);

  @EJB PaymentRecords records;
  @EJB WeChatPayGateway gateway;

  @Inject
  @ConfigProperty(name = "paydesk.janitor.backoff", defaultValue = "PT1M,PT5M,PT15M,PT1H")
  String backoffSetting;

  @Inject
  @ConfigProperty(name = "paydesk.wechat.close-min-age", defaultValue = "PT5M")
  Duration closeMinAge;

  /**
   * The {@code wx.requestPayment} parameters for an unpaid order. An open prepay_id is handed out
   * again; a unified order whose answer was lost is retried with the same out_trade_no; after a
   * close a new attempt gets a new out_trade_no.
   *
   * @param clientIp the buyer's IP as the shop saw it, or null
   */
  @RolesAllowed(Scope.PAYMENTS_WRITE_NAME)
  public JsapiPayment pay(String orderNo, String clientIp) {
    // twice at most: when WeChat closed the attempt's out_trade_no, the second plan opens a new one
    for (int tries = 0; tries < 2; tries++) {
      PaymentPlan plan =
          records.planPayment(
              orderNo, "shop", backoff().next(0, Instant.now()), clientIp(clientIp));
      String prepayId = plan.reusesPrepay() ? plan.prepayId() : unifiedOrder(plan);
      if (prepayId != null) {
        return new JsapiPayment(
            orderNo, plan.outTradeNo(), gateway.client().jsapiPayParams(prepayId).toMap());
      }
    }
    throw new PayDeskException(ErrorCode.WECHAT_REFUSED, "WeChat keeps closing the attempts");
  }

  /** Answers WeChat's payment notification in exactly the XML WeChat expects. */
  // Permitted: WeChat calls the notify URL without credentials; its signature, verified by the
  // protocol library before anything changes, is its authentication.
  @PermitAll
  public String onPaymentNotification(byte[] body) {
    PaymentNotification notification;
    try {
      notification = gateway.setup().decoder().decodePayment(body);
    } catch (WeChatPayException e) {
      LOG.warning(() -> "payment notification rejected reason=" + e.code() + " " + e.getMessage());
      return NotifyAnswer.fail("rejected: " + e.code());
    }
    String outTradeNo = notification.outTradeNo();
    if (!notification.succeeded()) {
      LOG.info(() -> "payment notification of a failure outTradeNo=" + outTradeNo);
      return NotifyAnswer.SUCCESS;
    }
    try {
      records.markPaid(
          new PaymentProof(
              outTradeNo,
              notification.transactionId(),
              notification.totalFee(),
              paidAt(notification.timeEnd())),
          new Transition.Source("wechat-notification", Instant.now()));
      return NotifyAnswer.SUCCESS;
    } catch (PayDeskException e) {
      LOG.warning(
          () ->
              "payment notification refused outTradeNo="
                  + outTradeNo
                  + " code="
                  + e.code()
                  + " detail="
                  + e.getMessage());
      return NotifyAnswer.fail(e.code().name());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "payment notification not recorded, WeChat will repeat it outTradeNo=" + outTradeNo,
          e);
      return NotifyAnswer.fail("try again");
    }
  }

  /** Asks WeChat now about every unfinished attempt of an order (staff's "query WeChat now"). */
  // Permitted: the janitor's timer calls it with no caller, and staff through the console (any
  // role). It asks WeChat and applies WeChat's answer; nothing the caller chooses changes.
  @PermitAll
  @Audited("order.query-wechat")
  public void checkOrder(String orderNo) {
    for (String outTradeNo : records.attemptsOf(orderNo)) {
      checkAttempt(outTradeNo);
    }
    records.closeIfDone(orderNo, "janitor", "expired unpaid");
  }

  /**
   * The janitor's step for one attempt: if its order has expired, close it at WeChat (ORDERPAID
   * means it was paid after all); otherwise ask how it stands. A timeout leaves it as it was, to be
   * asked again later.
   */
  // Permitted: the janitor and the reconciliation call it with no caller; it applies WeChat's
  // answer.
  @PermitAll
  public void checkAttempt(String outTradeNo) {
    AttemptState state = records.state(outTradeNo).orElse(null);
    if (state == null || !state.status().isPending()) {
      return;
    }
    Instant now = Instant.now();
    if (state.orderExpired()) {
      Instant closable = state.createdAt().plus(closeMinAge);
      if (now.isBefore(closable)) {
        records.checkAgain(outTradeNo, closable, "expired; WeChat closes after 5 minutes");
      } else {
        closeAtWeChat(state);
      }
      return;
    }
    query(state);
  }

  private void query(AttemptState state) {
    String outTradeNo = state.outTradeNo();
    CallResult<OrderQueryResponse> result = gateway.client().queryOrder(outTradeNo);
    switch (result.kind()) {
      case SUCCESS -> {
        OrderQueryResponse answer = result.orElseThrow();
        switch (WeChatOutcomes.of(answer.tradeState())) {
          case PAID -> markPaid(answer, "janitor");
          case CANNOT_BE_PAID ->
              records.attemptClosed(outTradeNo, "trade_state " + answer.tradeState());
          case WAITING, UNKNOWN ->
              later(state, "trade_state " + answer.fields().get("trade_state"));
        }
      }
      case BUSINESS_FAILURE -> {
        WeChatError error = ((CallResult.BusinessFailure<OrderQueryResponse>) result).error();
        if (WeChatOutcomes.of(error.code()) == WeChatOutcomes.ErrorAction.NOT_AT_WECHAT
            && state.status() == AttemptStatus.NEW
            && state.createdAt().isBefore(Instant.now().minus(Duration.ofMinutes(1)))) {
          records.attemptClosed(outTradeNo, "never reached WeChat (ORDERNOTEXIST)");
        } else {
          later(state, "orderquery " + error.rawCode());
        }
      }
      default -> later(state, "orderquery " + result.kind());
    }
  }

  private void closeAtWeChat(AttemptState state) {
    String outTradeNo = state.outTradeNo();
    CallResult<CloseOrderResponse> result = gateway.client().closeOrder(outTradeNo);
    switch (result.kind()) {
      case SUCCESS -> closed(state, "closed at WeChat: expired");
      case BUSINESS_FAILURE -> {
        WeChatError error = ((CallResult.BusinessFailure<CloseOrderResponse>) result).error();
        switch (WeChatOutcomes.of(error.code())) {
          case QUERY_PAID -> query(state);
          case CLOSED -> closed(state, "already closed at WeChat");
          case NOT_AT_WECHAT -> closed(state, "never reached WeChat (ORDERNOTEXIST)");
          case RETRY, REFUSED -> later(state, "closeorder " + error.rawCode());
        }
      }
      default -> later(state, "closeorder " + result.kind());
    }
  }

  private void closed(AttemptState state, String why) {
    records.attemptClosed(state.outTradeNo(), why);
    records.closeIfDone(state.orderNo(), "janitor", "expired unpaid");
  }

  private void markPaid(OrderQueryResponse answer, String actor) {
    try {
      records.markPaid(
          new PaymentProof(
              answer.outTradeNo(),
              answer.transactionId(),
              answer.totalFee() == null ? -1 : answer.totalFee(),
              paidAt(answer.timeEnd())),
          new Transition.Source(actor, Instant.now()));
    } catch (PayDeskException e) {
      LOG.log(
          Level.SEVERE,
          "WeChat reports a payment PayDesk cannot accept outTradeNo={0} code={1} detail={2}",
          new Object[] {answer.outTradeNo(), e.code(), e.getMessage()});
    }
  }

  private void later(AttemptState state, String outcome) {
    records.checkAgain(state.outTradeNo(), backoff().next(state.checks(), Instant.now()), outcome);
  }

  /** Asks WeChat for a prepay_id; null when WeChat closed this out_trade_no. */
  private String unifiedOrder(PaymentPlan plan) {
    var urls = gateway.setup().urls();
    var request =
        new UnifiedOrderRequest(
            plan.outTradeNo(),
            plan.description(),
            plan.amount(),
            plan.clientIp(),
            urls.payNotify(),
            plan.openid(),
            plan.createdAt(),
            plan.expiresAt(),
            null);
    CallResult<UnifiedOrderResponse> result = gateway.client().unifiedOrder(request);
    String outTradeNo = plan.outTradeNo();
    switch (result.kind()) {
      case SUCCESS -> {
        String prepayId = result.orElseThrow().prepayId();
        records.prepayIssued(outTradeNo, prepayId);
        return prepayId;
      }
      case BUSINESS_FAILURE -> {
        WeChatError error = ((CallResult.BusinessFailure<UnifiedOrderResponse>) result).error();
        switch (WeChatOutcomes.of(error.code())) {
          case QUERY_PAID -> {
            checkAttempt(outTradeNo);
            throw new PayDeskException(ErrorCode.ORDER_ALREADY_PAID, "WeChat says it is paid");
          }
          case CLOSED -> {
            records.attemptClosed(outTradeNo, "unifiedorder ORDERCLOSED");
            return null;
          }
          case RETRY ->
              throw new PayDeskException(
                  ErrorCode.WECHAT_UNAVAILABLE, "WeChat: " + error.rawCode() + "; retry");
          case NOT_AT_WECHAT, REFUSED -> {
            records.attemptClosed(outTradeNo, "unifiedorder " + error.rawCode());
            throw new PayDeskException(
                ErrorCode.WECHAT_REFUSED, "WeChat: " + error.rawCode() + " " + error.description());
          }
        }
      }
      case COMMUNICATION_FAILURE -> {
        String message =
            ((CallResult.CommunicationFailure<UnifiedOrderResponse>) result).returnMsg();
        records.attemptClosed(outTradeNo, "unifiedorder return_code FAIL " + message);
        throw new PayDeskException(ErrorCode.WECHAT_REFUSED, "WeChat: " + message);
      }
      default -> {
        LOG.warning(() -> "unified order outcome unknown outTradeNo=" + outTradeNo + " " + result);
        throw new PayDeskException(
            ErrorCode.WECHAT_UNAVAILABLE, "WeChat did not answer; retry with the same request");
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private String clientIp(String fromShop) {
    return fromShop != null && !fromShop.isBlank()
        ? fromShop
        : gateway.setup().urls().fallbackClientIp();
  }

  private Backoff backoff() {
    return Backoff.parse(backoffSetting);
  }

  private static Instant paidAt(Instant timeEnd) {
    return timeEnd != null ? timeEnd : Instant.now();
  }
}
