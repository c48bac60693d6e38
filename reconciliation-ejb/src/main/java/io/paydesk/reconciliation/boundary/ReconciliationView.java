package io.paydesk.reconciliation.boundary;

import io.paydesk.reconciliation.entity.Discrepancy;
import io.paydesk.reconciliation.entity.ReconciliationDay;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What staff see of reconciliation: the days, and one day in detail. */
public final class ReconciliationView {

  private ReconciliationView() {}

  /** Counts and sums in fen. */
  public record Figures(long paymentCount, long paymentFen, long refundCount, long refundFen) {}

  /** The bill's summary line as written (null before it is read, or for an empty day). */
  public record Summary(Long count, Long paymentFen, Long refundFen, Long feeMilliFen) {}

  /** One merchant's date (one bill per merchant per day). */
  public record Day(
      String mchId,
      String billDate,
      String status,
      int runNo,
      String requestedBy,
      Instant requestedAt,
      Instant startedAt,
      Instant finishedAt,
      Instant nextTryAt,
      int tries,
      String lastOutcome,
      long linesDone,
      Long resumedFrom,
      boolean billEmpty,
      Figures wechat,
      Figures paydesk,
      long feeMilliFen,
      Summary summary,
      long discrepancyCount) {

    static Day of(ReconciliationDay d) {
      return new Day(
          d.mchId(),
          d.billDate().toString(),
          d.status().name(),
          d.runNo(),
          d.requestedBy(),
          d.requestedAt(),
          d.startedAt(),
          d.finishedAt(),
          d.nextTryAt(),
          d.tries(),
          d.lastOutcome(),
          d.linesDone(),
          d.resumedFrom(),
          d.billEmpty(),
          new Figures(
              d.wechatPaymentCount(),
              d.wechatPaymentFen(),
              d.wechatRefundCount(),
              d.wechatRefundFen()),
          new Figures(
              d.paydeskPaymentCount(),
              d.paydeskPaymentFen(),
              d.paydeskRefundCount(),
              d.paydeskRefundFen()),
          d.wechatFeeMilliFen(),
          new Summary(
              d.summaryCount(),
              d.summaryPaymentFen(),
              d.summaryRefundFen(),
              d.summaryFeeMilliFen()),
          d.discrepancyCount());
    }
  }

  /** One discrepancy, of merchant {@code mchId}'s bill. */
  public record Item(
      long id,
      String mchId,
      int runNo,
      String type,
      String outTradeNo,
      String outRefundNo,
      String transactionId,
      String refundId,
      Long wechatFen,
      Long paydeskFen,
      String wechatStatus,
      String paydeskStatus,
      String detail,
      String repair,
      Instant foundAt,
      String resolvedBy,
      Instant resolvedAt,
      String resolutionNote) {

    static Item of(Discrepancy d) {
      return new Item(
          d.id(),
          d.mchId(),
          d.runNo(),
          d.type().name(),
          d.outTradeNo(),
          d.outRefundNo(),
          d.transactionId(),
          d.refundId(),
          d.wechatFen(),
          d.paydeskFen(),
          d.wechatStatus(),
          d.paydeskStatus(),
          d.detail(),
          d.repair(),
          d.foundAt(),
          d.resolvedBy(),
          d.resolvedAt(),
          d.resolutionNote());
    }

    /** What makes two runs' discrepancies "the same one". */
    String key() {
      return type + "|" + outTradeNo + "|" + outRefundNo + "|" + detail;
    }
  }

  /**
   * A date in detail: its figures, discrepancies by type, the current run's discrepancies (the
   * first {@code limit}), and those of the previous run that this run no longer finds (resolved
   * since).
   */
  public record Report(
      Day day,
      Map<String, Long> byType,
      List<Item> discrepancies,
      boolean truncated,
      List<Item> resolvedSince) {}
}
