package io.paydesk.erp.notices.control;

import io.paydesk.erp.notices.entity.Channel;
import io.paydesk.erp.notices.entity.StaffNotice;
import io.paydesk.erp.notices.entity.Topic;
import io.paydesk.payment.boundary.OrderPaid;
import io.paydesk.payment.boundary.OrderView;
import io.paydesk.payment.boundary.PaymentLookup;
import io.paydesk.reconciliation.boundary.ReconciliationCompleted;
import io.paydesk.refund.boundary.RefundApproved;
import io.paydesk.refund.boundary.RefundFailed;
import io.paydesk.refund.boundary.RefundRequested;
import io.paydesk.refund.boundary.RefundService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the staff notices of what the lower modules announce, in the transaction of the change:
 * the notice exists exactly when the change committed, and the relay sends it afterwards, so that a
 * WeCom or Feieyun outage never delays or blocks a payment, a refund or a reconciliation.
 *
 * <p>A refund's "waiting for approval" alert is taken back in the same transaction when the policy
 * approves the refund at once (it never waited). A notice whose text cannot be made (a broken
 * setting) is logged and left out rather than failing the change it tells of.
 */
@ApplicationScoped
public class NoticeObserver {

  static final String SYSTEM = "system";
  private static final Logger LOG = Logger.getLogger(NoticeObserver.class.getName());

  @EJB Notices notices;
  @EJB PaymentLookup payments;

  void orderPaid(@Observes OrderPaid paid) {
    NoticeSettings settings = settings();
    if (settings == null) {
      return;
    }
    boolean alert = settings.alerts(Topic.ORDER_PAID);
    boolean print = settings.printer().isPresent();
    if (!alert && !print) {
      return;
    }
    OrderView order = payments.order(paid.orderNo()).orElse(null);
    if (order == null) {
      return;
    }
    NoticeTexts texts = new NoticeTexts(settings.locale());
    if (alert) {
      write(
          Channel.WECOM,
          Topic.ORDER_PAID,
          order.orderNo(),
          order.orderNo(),
          texts::orderPaid,
          order);
    }
    if (print) {
      write(
          Channel.FEIEYUN,
          Topic.TICKET,
          order.orderNo(),
          order.orderNo(),
          o -> texts.ticket(o, Instant.now()),
          order);
    }
  }

  void refundRequested(@Observes RefundRequested requested) {
    NoticeSettings settings = settings();
    if (settings != null && settings.alerts(Topic.REFUND_PENDING)) {
      write(
          Channel.WECOM,
          Topic.REFUND_PENDING,
          requested.outRefundNo(),
          requested.orderNo(),
          new NoticeTexts(settings.locale())::refundPending,
          requested);
    }
  }

  void refundApproved(@Observes RefundApproved approved) {
    NoticeSettings settings = settings();
    if (settings != null
        && settings.alerts(Topic.REFUND_PENDING)
        && approved.approvedBy().equals(List.of(RefundService.AUTO))) {
      notices.withdraw(Topic.REFUND_PENDING, approved.outRefundNo());
    }
  }

  void refundFailed(@Observes RefundFailed failed) {
    NoticeSettings settings = settings();
    if (settings != null && settings.alerts(Topic.REFUND_FAILED)) {
      write(
          Channel.WECOM,
          Topic.REFUND_FAILED,
          failed.outRefundNo(),
          failed.orderNo(),
          new NoticeTexts(settings.locale())::refundFailed,
          failed);
    }
  }

  void reconciled(@Observes ReconciliationCompleted run) {
    NoticeSettings settings = settings();
    if (settings != null
        && run.discrepancyCount() > 0
        && settings.alerts(Topic.RECONCILIATION_DISCREPANCY)) {
      write(
          Channel.WECOM,
          Topic.RECONCILIATION_DISCREPANCY,
          run.billDate() + "#" + run.runNo(),
          null,
          new NoticeTexts(settings.locale())::discrepancies,
          run);
    }
  }

  private <T> void write(
      Channel channel,
      Topic topic,
      String subject,
      String orderNo,
      Function<T, String> text,
      T source) {
    String content;
    try {
      content = text.apply(source);
    } catch (RuntimeException e) {
      LOG.log(
          Level.SEVERE,
          "staff notice left out, its text cannot be made topic=" + topic + " subject=" + subject,
          e);
      return;
    }
    notices.append(
        new StaffNotice(channel, topic, subject, orderNo, SYSTEM, content, Instant.now()));
  }

  private static NoticeSettings settings() {
    try {
      return NoticeSettings.read();
    } catch (RuntimeException e) {
      LOG.severe(() -> "staff notices not written, their settings are wrong: " + e.getMessage());
      return null;
    }
  }
}
