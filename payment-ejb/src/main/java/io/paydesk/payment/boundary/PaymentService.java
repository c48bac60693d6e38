package io.paydesk.payment.boundary;

import io.paydesk.gateway.boundary.WeChatPayGateway;
import io.paydesk.gateway.entity.NotificationReply;
import io.paydesk.gateway.entity.OrderClosing;
import io.paydesk.gateway.entity.PaymentCheck;
import io.paydesk.gateway.entity.PaymentNotice;
import io.paydesk.gateway.entity.Prepay;
import io.paydesk.gateway.entity.PrepayRequest;
import io.paydesk.payment.control.PaymentRecords;
import io.paydesk.payment.control.PaymentRecords.AttemptState;
import io.paydesk.payment.control.PaymentRecords.PaymentPlan;
import io.paydesk.payment.entity.Transition;
import io.paydesk.platform.audit.boundary.Audited;
import io.paydesk.platform.client.entity.Scope;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.job.boundary.Backoff;
import io.paydesk.platform.job.boundary.OneAtATime;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
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

  /**
   * Repeats of one payment notification wait for each other here rather than in the database, each
   * holding a pooled connection (see {@link OneAtATime}).
   */
  private static final OneAtATime ONE_PER_TRADE = new OneAtATime(256, Duration.ofSeconds(10));

  @EJB PaymentRecords records;
  @EJB WeChatPayGateway gateway;

  @Inject
  @ConfigProperty(name = "paydesk.janitor.backoff", defaultValue = "PT1M,PT5M,PT15M,PT1H")
  String backoffSetting;

  /**
   * WeChat refuses to close an order in the first minutes after its unified order: an expired
   * attempt younger than this (from its creation) is asked about again once it reaches this age,
   * and closed at WeChat then.
   */
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
            orderNo, plan.outTradeNo(), gateway.requestPayment(plan.mchId(), prepayId));
      }
    }
    throw new PayDeskException(ErrorCode.WECHAT_REFUSED, "WeChat keeps closing the attempts");
  }

  /** Answers WeChat's payment notification in exactly the XML WeChat expects. */
  // Permitted: WeChat calls the notify URL without credentials; its signature, verified by the
  // protocol library before anything changes, is its authentication.
  @PermitAll
  public String onPaymentNotification(byte[] body) {
    return onPaymentNotification(body, null);
  }

  /**
   * Answers a payment notification posted to merchant {@code mchId}'s notify URL (null: the first
   * merchant's, the URL without a mch_id): verified with that merchant's key only, and applied only
   * to that merchant's order.
   */
  // Permitted: as onPaymentNotification(byte[]).
  @PermitAll
  public String onPaymentNotification(byte[] body, String mchId) {
    NotificationReply reply =
        take(gateway.decodePayment(body, mchId), () -> gateway.merchantId(mchId));
    return reply.isTaken()
        ? WeChatPayGateway.acknowledged()
        : WeChatPayGateway.notTaken(reply.reason());
  }

  /**
   * Takes an API v3 payment notification ({@code header} looks the {@code Wechatpay-*} headers up
   * by name) for the first merchant, when it uses v3; the notify URL answers WeChat from the reply,
   * after the change is committed.
   */
  // Permitted: WeChat calls the v3 notify URL without credentials; its RSA signature, verified by
  // the protocol library before anything changes, is its authentication.
  @PermitAll
  public NotificationReply onPaymentNotificationV3(Function<String, String> header, byte[] body) {
    return onPaymentNotificationV3(header, body, null);
  }

  /**
   * Takes an API v3 payment notification posted to merchant {@code mchId}'s v3 notify URL (null:
   * the first merchant's): verified and decrypted with that merchant's keys only, and applied only
   * to that merchant's order.
   */
  // Permitted: as onPaymentNotificationV3(Function, byte[]).
  @PermitAll
  public NotificationReply onPaymentNotificationV3(
      Function<String, String> header, byte[] body, String mchId) {
    return take(gateway.decodePaymentV3(header, body, mchId), () -> gateway.merchantId(mchId));
  }

  /**
   * Applies a decoded notification to the order of merchant {@code owner} (asked only for a genuine
   * payment).
   */
  private NotificationReply take(PaymentNotice notice, Supplier<String> owner) {
    if (notice instanceof PaymentNotice.Rejected rejected) {
      LOG.warning(
          () ->
              "payment notification rejected reason="
                  + rejected.reason()
                  + " "
                  + rejected.detail());
      return NotificationReply.rejected("rejected: " + rejected.reason());
    }
    if (notice instanceof PaymentNotice.NotPaid notPaid) {
      LOG.info(() -> "payment notification of a failure outTradeNo=" + notPaid.outTradeNo());
      return NotificationReply.taken();
    }
    PaymentCheck.Paid payment = ((PaymentNotice.Paid) notice).payment();
    String outTradeNo = payment.outTradeNo();
    try {
      String mchId = owner.get();
      if (ONE_PER_TRADE
          .run(
              outTradeNo,
              () ->
                  records.markPaid(
                      payment, new Transition.Source("wechat-notification", Instant.now()), mchId))
          .isEmpty()) {
        LOG.warning(
            () ->
                "payment notification not recorded: its order stayed busy, WeChat will repeat it"
                    + " outTradeNo="
                    + outTradeNo);
        return NotificationReply.notTaken("try again");
      }
      return NotificationReply.taken();
    } catch (PayDeskException e) {
      LOG.warning(
          () ->
              "payment notification refused outTradeNo="
                  + outTradeNo
                  + " code="
                  + e.code()
                  + " detail="
                  + e.getMessage());
      return NotificationReply.notTaken(e.code().name());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "payment notification not recorded, WeChat will repeat it outTradeNo=" + outTradeNo,
          e);
      return NotificationReply.notTaken("try again");
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
   * The janitor's step for one attempt: if its order has expired, close it at WeChat once the
   * attempt is {@code paydesk.wechat.close-min-age} old (WeChat may report it paid after all);
   * otherwise ask how it stands. A timeout leaves it as it was, to be asked again later.
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
        records.checkAgain(
            outTradeNo, closable, "expired; closed at WeChat once " + closeMinAge + " old");
      } else {
        closeAtWeChat(state);
      }
      return;
    }
    query(state);
  }

  private void query(AttemptState state) {
    String outTradeNo = state.outTradeNo();
    PaymentCheck check = gateway.checkPayment(outTradeNo);
    Instant now = Instant.now();
    try {
      records.checked(
          outTradeNo,
          check,
          backoff().next(state.checks(), now),
          new Transition.Source("janitor", now));
    } catch (PayDeskException e) {
      if (!(check instanceof PaymentCheck.Paid)) {
        throw e;
      }
      LOG.log(
          Level.SEVERE,
          "WeChat reports a payment PayDesk cannot accept outTradeNo={0} code={1} detail={2}",
          new Object[] {outTradeNo, e.code(), e.getMessage()});
      // on its backoff like any other answer that settles nothing: asked about at every pass, it
      // would stand first in the due queue for ever
      later(state, "WeChat reports a payment PayDesk cannot accept: " + e.code());
    }
  }

  private void closeAtWeChat(AttemptState state) {
    OrderClosing closing = gateway.closeOrder(state.outTradeNo());
    if (closing instanceof OrderClosing.Closed closed) {
      records.attemptClosed(state.outTradeNo(), closed.outcome());
      records.closeIfDone(state.orderNo(), "janitor", "expired unpaid");
    } else if (closing instanceof OrderClosing.PaidAfterAll) {
      query(state);
    } else {
      later(state, ((OrderClosing.NotClosed) closing).outcome());
    }
  }

  private void later(AttemptState state, String outcome) {
    records.checkAgain(state.outTradeNo(), backoff().next(state.checks(), Instant.now()), outcome);
  }

  /** Asks WeChat for a prepay_id; null when WeChat closed this out_trade_no. */
  private String unifiedOrder(PaymentPlan plan) {
    String outTradeNo = plan.outTradeNo();
    Prepay prepay =
        gateway.prepay(
            new PrepayRequest(
                outTradeNo,
                plan.description(),
                plan.amount(),
                plan.clientIp(),
                plan.openid(),
                plan.createdAt(),
                plan.expiresAt(),
                plan.mchId()));
    if (prepay instanceof Prepay.Issued issued) {
      records.prepayIssued(outTradeNo, issued.prepayId());
      return issued.prepayId();
    }
    if (prepay instanceof Prepay.AlreadyPaid) {
      checkAttempt(outTradeNo);
      throw new PayDeskException(ErrorCode.ORDER_ALREADY_PAID, "WeChat says it is paid");
    }
    if (prepay instanceof Prepay.Closed closed) {
      records.attemptClosed(outTradeNo, closed.outcome());
      return null;
    }
    if (prepay instanceof Prepay.Refused refused) {
      records.attemptClosed(outTradeNo, refused.outcome());
      throw new PayDeskException(ErrorCode.WECHAT_REFUSED, refused.message());
    }
    throw new PayDeskException(
        ErrorCode.WECHAT_UNAVAILABLE, ((Prepay.Unavailable) prepay).message());
  }

  private String clientIp(String fromShop) {
    return gateway.clientIp(fromShop);
  }

  private Backoff backoff() {
    return Backoff.parse(backoffSetting);
  }
}
