package io.paydesk.reconciliation.control;

import io.paydesk.gateway.boundary.BillEntry;
import io.paydesk.reconciliation.entity.DiscrepancyType;
import io.paydesk.refund.entity.RefundStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares one bill line with PayDesk's record of it. Plain logic, no I/O. The bulk of a bill is
 * matched as a set in SQL ({@link ChunkMatch}); this class decides the lines the ledger does not
 * know, with PayDesk's record as the payment or refund module's boundary gives it, and says which
 * PayDesk status a refund line expects ({@link #expectedStatus}), for both paths.
 */
public final class LineMatcher {

  private LineMatcher() {}

  /**
   * What one line tells.
   *
   * @param findings the discrepancies (none when both sides agree)
   * @param paydeskCounts whether PayDesk's figures count this line (a paid attempt, a refunded
   *     refund)
   * @param paydeskFen PayDesk's amount for it (0 when it does not count)
   */
  public record Match(List<Finding> findings, boolean paydeskCounts, long paydeskFen) {}

  public static Match payment(BillEntry line, PayDeskRecords.Payment attempt) {
    List<Finding> findings = new ArrayList<>();
    boolean paidAtWeChat = line.state() == BillEntry.State.PAID;
    if (attempt == null) {
      findings.add(
          payment(
              DiscrepancyType.PAID_AT_WECHAT_ONLY,
              line,
              null,
              "PayDesk has no payment attempt with this out_trade_no"));
      return new Match(findings, false, 0);
    }
    if (!attempt.paid()) {
      if (paidAtWeChat && attempt.pending()) {
        findings.add(
            payment(
                DiscrepancyType.PAID_AT_WECHAT_ONLY,
                line,
                attempt,
                "PayDesk still waits for this payment (a lost notification?)"));
      } else if (paidAtWeChat) {
        findings.add(
            payment(
                DiscrepancyType.STATUS_MISMATCH,
                line,
                attempt,
                "WeChat has it paid, PayDesk " + attempt.status()));
      }
    } else if (!paidAtWeChat) {
      findings.add(
          payment(
              DiscrepancyType.STATUS_MISMATCH,
              line,
              attempt,
              ChunkMatch.revokedDetail(line.state())));
    } else if (attempt.transactionId() != null
        && !attempt.transactionId().equals(line.transactionId())) {
      findings.add(
          payment(
              DiscrepancyType.STATUS_MISMATCH,
              line,
              attempt,
              "WeChat's transaction_id differs from PayDesk's " + attempt.transactionId()));
    }
    if (attempt.amountFen() != line.amountFen()) {
      findings.add(
          payment(
              DiscrepancyType.AMOUNT_MISMATCH,
              line,
              attempt,
              "WeChat " + line.amountFen() + " fen, PayDesk " + attempt.amountFen() + " fen"));
    }
    return new Match(findings, attempt.paid(), attempt.paid() ? attempt.amountFen() : 0);
  }

  public static Match refund(BillEntry line, PayDeskRecords.Refund refund) {
    List<Finding> findings = new ArrayList<>();
    if (refund == null) {
      findings.add(
          refund(
              DiscrepancyType.REFUND_MISSING,
              line,
              null,
              "a refund at WeChat that PayDesk does not have"));
      return new Match(findings, false, 0);
    }
    RefundStatus expected = expectedStatus(line.state());
    if (expected != null && expected != refund.status()) {
      findings.add(
          refund(
              DiscrepancyType.REFUND_MISMATCH,
              line,
              refund,
              "WeChat " + line.state() + ", PayDesk " + refund.status()));
    }
    if (refund.amountFen() != line.amountFen()) {
      findings.add(
          refund(
              DiscrepancyType.REFUND_MISMATCH,
              line,
              refund,
              "WeChat " + line.amountFen() + " fen, PayDesk " + refund.amountFen() + " fen"));
    }
    if (refund.refundId() != null && !Objects.equals(refund.refundId(), line.refundId())) {
      findings.add(
          refund(
              DiscrepancyType.REFUND_MISMATCH,
              line,
              refund,
              "WeChat's refund_id differs from PayDesk's " + refund.refundId()));
    }
    return new Match(findings, refund.refunded(), refund.refunded() ? refund.amountFen() : 0);
  }

  /**
   * PayDesk's refund status that agrees with a refund line's state; null for a state this version
   * does not know (the line is then compared on amount and id only).
   *
   * @throws IllegalArgumentException for a payment line's state
   */
  public static RefundStatus expectedStatus(BillEntry.State state) {
    return switch (state) {
      case REFUNDED -> RefundStatus.REFUNDED;
      case PROCESSING -> RefundStatus.PROCESSING;
      case FAILED -> RefundStatus.FAILED;
      case UNKNOWN -> null;
      case PAID, REVOKED -> throw new IllegalArgumentException(state + " is a payment's state");
    };
  }

  private static Finding payment(
      DiscrepancyType type, BillEntry line, PayDeskRecords.Payment attempt, String detail) {
    return new Finding(
        type,
        line.outTradeNo(),
        null,
        line.transactionId(),
        null,
        line.amountFen(),
        attempt == null ? null : attempt.amountFen(),
        line.state().name(),
        attempt == null ? null : attempt.status().name(),
        detail);
  }

  private static Finding refund(
      DiscrepancyType type, BillEntry line, PayDeskRecords.Refund refund, String detail) {
    return new Finding(
        type,
        line.outTradeNo(),
        line.outRefundNo(),
        line.transactionId(),
        line.refundId(),
        line.amountFen(),
        refund == null ? null : refund.amountFen(),
        line.state().name(),
        refund == null ? null : refund.status().name(),
        detail);
  }
}
