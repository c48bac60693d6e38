package io.paydesk.reconciliation.control;

import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.refund.entity.RefundStatus;
import java.util.Objects;

/** PayDesk's side of a bill line the ledger does not know, as its module's boundary tells it. */
public final class PayDeskRecords {

  private PayDeskRecords() {}

  /** A payment attempt. */
  public record Payment(
      String outTradeNo, AttemptStatus status, long amountFen, String transactionId) {
    public Payment {
      Objects.requireNonNull(status, "status");
    }

    public boolean paid() {
      return status == AttemptStatus.PAID;
    }

    /** Still waiting for WeChat's answer: a query can settle it. */
    public boolean pending() {
      return status.isPending();
    }
  }

  /** A refund. */
  public record Refund(
      String outRefundNo, String outTradeNo, RefundStatus status, long amountFen, String refundId) {
    public Refund {
      Objects.requireNonNull(status, "status");
    }

    public boolean refunded() {
      return status == RefundStatus.REFUNDED;
    }
  }
}
