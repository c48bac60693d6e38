package io.paydesk.reconciliation.control;

/** PayDesk's side of a bill line, as reconciliation reads it. */
public final class PayDeskRecords {

  private PayDeskRecords() {}

  /** A payment attempt (status NEW, OPEN, PAID or CLOSED). */
  public record Payment(String outTradeNo, String status, long amountFen, String transactionId) {
    public boolean paid() {
      return "PAID".equals(status);
    }

    /** Still waiting for WeChat's answer: a query can settle it. */
    public boolean pending() {
      return "NEW".equals(status) || "OPEN".equals(status);
    }
  }

  /** A refund (status PENDING_APPROVAL ... REFUNDED, FAILED, REJECTED). */
  public record Refund(
      String outRefundNo, String outTradeNo, String status, long amountFen, String refundId) {
    public boolean refunded() {
      return "REFUNDED".equals(status);
    }
  }
}
