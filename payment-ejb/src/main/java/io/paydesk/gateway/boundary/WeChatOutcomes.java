package io.paydesk.gateway.boundary;

import io.paydesk.wechatpay.ErrCode;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.client.TradeState;
import java.util.Locale;

/**
 * The one place where WeChat's codes become PayDesk's decisions. Nothing else interprets a
 * trade_state, a refund_status, an err_code or a return_msg.
 */
public final class WeChatOutcomes {

  private WeChatOutcomes() {}

  /** What an answer about a payment means for the attempt. */
  public enum Finding {
    /** WeChat took the money: mark paid. */
    PAID,
    /** The buyer can still pay, or is paying: ask again later. */
    WAITING,
    /** This out_trade_no can never be paid: close the attempt. */
    CANNOT_BE_PAID,
    /** WeChat answered something we do not understand: ask again later, never guess. */
    UNKNOWN
  }

  /** What an error answer (result_code FAIL) means for the request that got it. */
  public enum ErrorAction {
    /** A transient failure at WeChat: the outcome is unknown, retry with the same numbers. */
    RETRY,
    /** The order is paid at WeChat: query it and mark it paid. */
    QUERY_PAID,
    /** The order is closed at WeChat. */
    CLOSED,
    /** WeChat has no such order (or refund): it never received it. */
    NOT_AT_WECHAT,
    /** WeChat refuses the request as it is: stop and tell a person. */
    REFUSED
  }

  /** What WeChat's refund_status means for a refund. */
  public enum RefundFinding {
    /** WeChat accepted the refund and is still paying it out: ask again later. */
    PROCESSING,
    /** The money went back to the buyer: refunded. */
    REFUNDED,
    /**
     * CHANGE: the refund to the buyer's bank card failed and the money is back in the merchant
     * account. Final for WeChat; a person must refund the buyer another way.
     */
    BANK_CARD_FAILED,
    /** REFUNDCLOSE: WeChat closed the refund; nothing was refunded. */
    CLOSED,
    /** A status this version does not know: ask again later, never guess. */
    UNKNOWN
  }

  /** What the answer to a refund request ({@code /secapi/pay/refund}) means for the refund. */
  public enum RefundSubmission {
    /** WeChat accepted the refund; its outcome follows by notification or query. */
    ACCEPTED,
    /**
     * The outcome is unknown or the failure transient (SYSTEMERROR, timeout, not sent, an answer
     * WeChat refused to read): send again later with the same out_refund_no.
     */
    RETRY,
    /**
     * The client certificate is missing or was refused: nothing was done; send again with the same
     * out_refund_no once the certificate is fixed.
     */
    CERTIFICATE,
    /**
     * NOTENOUGH: the unsettled funds cannot cover the refund. Retry from the available balance
     * (refund_account REFUND_SOURCE_RECHARGE_FUNDS, same out_refund_no) or stop, by configuration.
     */
    NOT_ENOUGH_FUNDS,
    /** WeChat refuses this refund as it is: it fails, and a person decides what next. */
    REFUSED
  }

  /** What the answer to {@code /pay/downloadbill} means for a reconciliation. */
  public enum BillAnswer {
    /** The bill is there (possibly "No Bill Exist": a day without trades, zero lines). */
    READY,
    /** Not generated yet, or no answer: try again later. */
    NOT_YET,
    /** WeChat refuses the request itself (a date it does not serve, a bad parameter): stop. */
    REFUSED
  }

  /**
   * Interprets a downloadbill answer. WeChat answers in XML when there is no bill to stream: "No
   * Bill Exist" arrives as an empty bill (success); {@code error_code} 20001 ("invalid bill_date",
   * "invalid bill_type": a date WeChat does not serve) is final; anything else ("Bill Creating",
   * SYSTEMERROR, no answer) is retried later.
   */
  public static BillAnswer ofBill(CallResult<?> result) {
    return switch (result.kind()) {
      case SUCCESS -> BillAnswer.READY;
      case COMMUNICATION_FAILURE -> {
        var failure = (CallResult.CommunicationFailure<?>) result;
        String message = failure.returnMsg() == null ? "" : failure.returnMsg();
        yield "20001".equals(failure.fields().get("error_code"))
                || message.toLowerCase(Locale.ROOT).startsWith("invalid")
            ? BillAnswer.REFUSED
            : BillAnswer.NOT_YET;
      }
      case BUSINESS_FAILURE, NOT_SENT, UNKNOWN -> BillAnswer.NOT_YET;
    };
  }

  public static RefundFinding of(RefundStatus status) {
    return switch (status) {
      case PROCESSING -> RefundFinding.PROCESSING;
      case SUCCESS -> RefundFinding.REFUNDED;
      case CHANGE -> RefundFinding.BANK_CARD_FAILED;
      case REFUNDCLOSE -> RefundFinding.CLOSED;
      case UNRECOGNIZED -> RefundFinding.UNKNOWN;
    };
  }

  /** Interprets the whole answer to a refund request: its kind, err_code and return_msg. */
  public static RefundSubmission ofRefund(CallResult<?> result) {
    return switch (result.kind()) {
      case SUCCESS -> RefundSubmission.ACCEPTED;
      case BUSINESS_FAILURE -> {
        ErrCode code = ((CallResult.BusinessFailure<?>) result).error().code();
        if (code == ErrCode.NOTENOUGH) {
          yield RefundSubmission.NOT_ENOUGH_FUNDS;
        }
        yield of(code) == ErrorAction.RETRY ? RefundSubmission.RETRY : RefundSubmission.REFUSED;
      }
      case COMMUNICATION_FAILURE ->
          aboutCertificate(((CallResult.CommunicationFailure<?>) result).returnMsg())
              ? RefundSubmission.CERTIFICATE
              : RefundSubmission.RETRY;
      case NOT_SENT ->
          ((CallResult.NotSent<?>) result).reason() == CallResult.NotSentReason.TLS_HANDSHAKE_FAILED
              ? RefundSubmission.CERTIFICATE
              : RefundSubmission.RETRY;
      case UNKNOWN -> RefundSubmission.RETRY;
    };
  }

  /** Whether a return_msg complains about the client certificate (证书校验错误, 证书已过期, ...). */
  static boolean aboutCertificate(String returnMsg) {
    return returnMsg != null
        && (returnMsg.contains("证书") || returnMsg.toLowerCase(Locale.ROOT).contains("cert"));
  }

  public static Finding of(TradeState state) {
    return switch (state) {
      case SUCCESS, REFUND -> Finding.PAID;
      case NOTPAY, USERPAYING, ACCEPT -> Finding.WAITING;
      case CLOSED, REVOKED, PAYERROR -> Finding.CANNOT_BE_PAID;
      case UNRECOGNIZED -> Finding.UNKNOWN;
    };
  }

  public static ErrorAction of(ErrCode code) {
    return switch (code) {
      case SYSTEMERROR, FREQUENCY_LIMITED -> ErrorAction.RETRY;
      case ORDERPAID -> ErrorAction.QUERY_PAID;
      case ORDERCLOSED -> ErrorAction.CLOSED;
      case ORDERNOTEXIST, REFUNDNOTEXIST -> ErrorAction.NOT_AT_WECHAT;
      default -> ErrorAction.REFUSED;
    };
  }
}
