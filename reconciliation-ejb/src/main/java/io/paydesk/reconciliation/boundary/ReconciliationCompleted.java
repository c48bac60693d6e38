package io.paydesk.reconciliation.boundary;

import java.time.Instant;
import java.util.Map;

/**
 * A reconciliation run completed: WeChat's and PayDesk's figures for the day, WeChat's fees and
 * what disagreed. Fired in the transaction that completes the run.
 *
 * @param mchId the merchant whose bill it was (one bill per merchant per day)
 * @param billDate the Beijing day, yyyy-MM-dd
 * @param runNo 1 for the first run of the date, then one more per rerun
 * @param feeMilliFen WeChat's fees for the day in 0.001 fen (the bill gives five decimals of yuan)
 * @param discrepancies by type (every type, zero included)
 */
public record ReconciliationCompleted(
    String mchId,
    String billDate,
    int runNo,
    Figures wechat,
    Figures paydesk,
    long feeMilliFen,
    long discrepancyCount,
    Map<String, Long> discrepancies,
    Instant completedAt) {

  /** Counts and sums in fen. */
  public record Figures(long paymentCount, long paymentFen, long refundCount, long refundFen) {}
}
