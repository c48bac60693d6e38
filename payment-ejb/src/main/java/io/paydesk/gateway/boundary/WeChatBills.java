package io.paydesk.gateway.boundary;

import io.paydesk.wechatpay.bill.BillReader;
import io.paydesk.wechatpay.bill.BillRow;
import io.paydesk.wechatpay.client.BillDownload;
import io.paydesk.wechatpay.client.BillType;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.client.TradeState;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.time.LocalDate;
import java.util.logging.Logger;

/**
 * WeChat's daily bills in PayDesk's terms: downloads a day's ALL bill (GZIP, streamed) and answers
 * with its lines as {@link BillEntry}s, or why there is none. The one place that reads a bill
 * line's trade state (交易状态) and refund status (退款状态).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Permitted: only reconciliation's batch job calls it, in-process and without a caller of its own;
// staff start a run through ReconciliationService, which checks their role first.
@PermitAll
public class WeChatBills {

  private static final Logger LOG = Logger.getLogger(WeChatBills.class.getName());

  @EJB WeChatPayGateway gateway;

  /**
   * The ALL bill of {@code billDate} (a Beijing day). A {@link BillAnswer.Ready} holds an open
   * download: the caller closes its lines.
   */
  public BillAnswer allBill(LocalDate billDate) {
    if (gateway.apiV3() != null) {
      return gateway.apiV3().allBill(billDate);
    }
    return answer(gateway.client().downloadBill(billDate, BillType.ALL, true));
  }

  /**
   * Merchant {@code mchId}'s ALL bill of {@code billDate}, downloaded with that merchant's own
   * settings (its key; API v3 when it is the merchant configured for v3): one bill per merchant per
   * day. A {@link BillAnswer.Ready} holds an open download: the caller closes its lines.
   */
  public BillAnswer allBill(String mchId, LocalDate billDate) {
    if (mchId.equals(gateway.apiV3MerchantId())) {
      return gateway.apiV3().allBill(billDate);
    }
    return answer(gateway.client(mchId).downloadBill(billDate, BillType.ALL, true));
  }

  static BillAnswer answer(CallResult<BillDownload> result) {
    switch (WeChatOutcomes.ofBill(result)) {
      case NOT_YET -> {
        return new BillAnswer.NotReady("bill not ready: " + describe(result));
      }
      case REFUSED -> {
        return new BillAnswer.Failed("WeChat refuses the date: " + describe(result));
      }
      default -> {}
    }
    BillDownload download = result.orElseThrow();
    if (download.isEmpty()) {
      close(download);
      return new BillAnswer.NoBill();
    }
    try {
      return new BillAnswer.Ready(
          new BillLines(download, BillReader.openTolerant(download.body())));
    } catch (IOException | RuntimeException e) {
      close(download);
      return new BillAnswer.NotReady("bill unreadable: " + e.getMessage());
    }
  }

  /**
   * A bill row in PayDesk's terms. A payment line is PAID unless WeChat revoked it; a refund line's
   * SUCCESS is REFUNDED, PROCESSING still under way, CHANGE (the bank card refused it) and
   * REFUNDCLOSE both FAILED, anything else UNKNOWN.
   */
  static BillEntry entry(BillRow row) {
    if (row.isRefund()) {
      return new BillEntry(
          true,
          row.outTradeNo(),
          row.transactionId(),
          row.outRefundNo(),
          row.refundId(),
          row.refundFee(),
          refundState(RefundStatus.of(row.refundStatus())),
          row.serviceFeeMilliFen());
    }
    return new BillEntry(
        false,
        row.outTradeNo(),
        row.transactionId(),
        null,
        null,
        row.totalFee() != null ? row.totalFee() : row.settlementTotalFee(),
        TradeState.of(row.tradeState()) == TradeState.REVOKED
            ? BillEntry.State.REVOKED
            : BillEntry.State.PAID,
        row.serviceFeeMilliFen());
  }

  static BillEntry.State refundState(RefundStatus status) {
    return switch (status) {
      case SUCCESS -> BillEntry.State.REFUNDED;
      case PROCESSING -> BillEntry.State.PROCESSING;
      case CHANGE, REFUNDCLOSE -> BillEntry.State.FAILED;
      case UNRECOGNIZED -> BillEntry.State.UNKNOWN;
    };
  }

  private static String describe(CallResult<?> answer) {
    if (answer instanceof CallResult.CommunicationFailure<?> failure) {
      return failure.returnMsg() + " (error_code " + failure.fields().get("error_code") + ")";
    }
    return answer.kind().name();
  }

  private static void close(BillDownload download) {
    try {
      download.close();
    } catch (IOException e) {
      LOG.fine(() -> "bill download not closed cleanly: " + e);
    }
  }
}
