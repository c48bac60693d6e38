package io.paydesk.reconciliation.control;

import io.paydesk.reconciliation.entity.DiscrepancyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares one bill line with PayDesk's record of it. Plain logic, no I/O: the job loads PayDesk's
 * records for a whole chunk in one query and asks this class line by line.
 *
 * <p>Refund states on the bill: SUCCESS means refunded, PROCESSING still under way, CHANGE and
 * REFUNDCLOSE failed (PayDesk's FAILED).
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

  public static Match payment(BillLine line, PayDeskRecords.Payment attempt) {
    List<Finding> findings = new ArrayList<>();
    boolean paidAtWeChat = !"REVOKED".equals(line.state());
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
              "WeChat has it " + line.state() + ", PayDesk PAID"));
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

  public static Match refund(BillLine line, PayDeskRecords.Refund refund) {
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
    String expected = expectedStatus(line.state());
    if (expected != null && !expected.equals(refund.status())) {
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

  /** PayDesk's refund status that agrees with the bill's 退款状态; null for one we do not know. */
  static String expectedStatus(String billState) {
    if (billState == null) {
      return null;
    }
    return switch (billState) {
      case "SUCCESS" -> "REFUNDED";
      case "PROCESSING" -> "PROCESSING";
      case "CHANGE", "REFUNDCLOSE" -> "FAILED";
      default -> null;
    };
  }

  private static Finding payment(
      DiscrepancyType type, BillLine line, PayDeskRecords.Payment attempt, String detail) {
    return new Finding(
        type,
        line.outTradeNo(),
        null,
        line.transactionId(),
        null,
        line.amountFen(),
        attempt == null ? null : attempt.amountFen(),
        line.state(),
        attempt == null ? null : attempt.status(),
        detail);
  }

  private static Finding refund(
      DiscrepancyType type, BillLine line, PayDeskRecords.Refund refund, String detail) {
    return new Finding(
        type,
        line.outTradeNo(),
        line.outRefundNo(),
        line.transactionId(),
        line.refundId(),
        line.amountFen(),
        refund == null ? null : refund.amountFen(),
        line.state(),
        refund == null ? null : refund.status(),
        detail);
  }
}
