package io.paydesk.refund.boundary;

import io.paydesk.refund.entity.OfflineMethod;
import io.paydesk.refund.entity.OfflineSettlement;
import io.paydesk.refund.entity.Refund;
import io.paydesk.refund.entity.RefundFailure;
import io.paydesk.refund.entity.RefundHistory;
import io.paydesk.refund.entity.RefundStatus;
import java.time.Instant;
import java.util.List;

/**
 * A refund as callers outside the transaction see it: a snapshot, with its history. {@code
 * lastOutcome} is what the last exchange with WeChat taught (an unknown outcome, a missing
 * certificate, not enough funds, ...); {@link #failure()} why a FAILED refund failed.
 */
public record RefundView(
    String outRefundNo,
    String orderNo,
    String outTradeNo,
    String requestId,
    long amount,
    String reason,
    RefundStatus status,
    int approvalsRequired,
    List<String> approvers,
    String requestedBy,
    Instant requestedAt,
    String refundId,
    String refundAccount,
    String lastOutcome,
    Instant nextAttemptAt,
    Instant refundedAt,
    Offline settledOffline,
    List<HistoryEntry> history) {

  /**
   * How finance settled a refund offline (SETTLED_OFFLINE only): how, reference, note, who, when.
   */
  public record Offline(
      OfflineMethod method, String reference, String note, String by, Instant at) {

    static Offline of(Refund refund) {
      OfflineSettlement settlement = refund.offlineSettlement();
      return settlement == null
          ? null
          : new Offline(
              settlement.method(),
              settlement.reference(),
              settlement.note(),
              refund.offlineBy(),
              refund.offlineAt());
    }
  }

  /** Whether finance may record that it was paid to the buyer another way (CHANGE only). */
  public boolean settlableOffline() {
    return failure() == RefundFailure.BANK_CARD_FAILED;
  }

  /** Why it failed, in PayDesk's terms (what staff can do next); null unless FAILED. */
  public RefundFailure failure() {
    return RefundFailure.of(status, lastOutcome);
  }

  /** One row of the refund's history. */
  public record HistoryEntry(
      RefundStatus from, RefundStatus to, String actor, String reason, Instant at) {

    static HistoryEntry of(RefundHistory row) {
      return new HistoryEntry(
          row.fromStatus(), row.toStatus(), row.actor(), row.reason(), row.occurredAt());
    }
  }

  static RefundView of(Refund refund) {
    return new RefundView(
        refund.outRefundNo(),
        refund.orderNo(),
        refund.outTradeNo(),
        refund.requestId(),
        refund.amount(),
        refund.reason(),
        refund.status(),
        refund.approvalsRequired(),
        refund.approvers(),
        refund.requestedBy(),
        refund.requestedAt(),
        refund.refundId(),
        refund.refundAccount(),
        refund.lastOutcome(),
        refund.nextAttemptAt(),
        refund.refundedAt(),
        Offline.of(refund),
        refund.history().stream().map(HistoryEntry::of).toList());
  }
}
