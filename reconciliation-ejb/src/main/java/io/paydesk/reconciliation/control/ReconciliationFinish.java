package io.paydesk.reconciliation.control;

import io.paydesk.payment.boundary.PaymentLookup;
import io.paydesk.payment.boundary.PaymentService;
import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.reconciliation.entity.DiscrepancyType;
import io.paydesk.refund.boundary.RefundService;
import io.paydesk.refund.boundary.RefundView;
import io.paydesk.refund.entity.RefundStatus;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The job's last step: PayDesk's side of the day and the summary are checked; every payment WeChat
 * has that PayDesk still waits for is asked about through the normal path ({@link
 * PaymentService#checkAttempt}: orderquery, then the same transition a notification makes), and so
 * is every refund whose state PayDesk has not caught up with ({@link
 * RefundService#settleWithWeChat}); what that did is recorded with the discrepancy. Then the run
 * completes and announces itself, and its staged bill lines are deleted.
 */
@Named("reconciliationFinish")
@Dependent
public class ReconciliationFinish extends AbstractBatchlet {

  private static final Logger LOG = Logger.getLogger(ReconciliationFinish.class.getName());

  @Inject JobContext job;
  @EJB ReconciliationStore store;
  @EJB PaymentService payments;
  @EJB PaymentLookup attempts;
  @EJB RefundService refunds;
  @EJB BillMatching matching;

  @Override
  public String process() {
    ReconciliationStore.Run run = JobRun.of(job);
    store.checkDay(run, (BillTotals) job.getTransientUserData());
    for (ReconciliationStore.Repairable item : store.repairable(run)) {
      try {
        if (item.type() == DiscrepancyType.PAID_AT_WECHAT_ONLY) {
          payments.checkAttempt(item.outTradeNo());
          AttemptStatus status =
              attempts.attempt(item.outTradeNo()).map(PaymentLookup.Attempt::status).orElse(null);
          boolean paid = status == AttemptStatus.PAID;
          store.recordRepair(
              item.id(),
              paid
                  ? "repaired: orderquery says paid, PayDesk marked the payment PAID"
                  : "orderquery asked; PayDesk's attempt is " + status,
              paid);
        } else {
          RefundStatus status =
              refunds.settleWithWeChat(item.outRefundNo()).map(RefundView::status).orElse(null);
          boolean settled =
              status != null
                  && (status.atWeChat() == RefundStatus.REFUNDED
                      || status.atWeChat() == RefundStatus.FAILED);
          store.recordRepair(
              item.id(),
              settled
                  ? "repaired: refundquery applied, PayDesk's refund is " + status
                  : "refundquery asked; PayDesk's refund is " + status,
              settled);
        }
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "reconciliation repair failed outTradeNo="
                + item.outTradeNo()
                + " outRefundNo="
                + item.outRefundNo(),
            e);
      }
    }
    store.complete(run, Instant.now());
    matching.clear(run.mchId(), run.billDate());
    return "COMPLETED";
  }
}
