package io.paydesk.payment.control;

import io.paydesk.wechatpay.ErrCode;
import io.paydesk.wechatpay.client.TradeState;

/**
 * The one place where WeChat's codes become PayDesk's decisions. Nothing else interprets a
 * trade_state or an err_code.
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
    /** WeChat has no such order: it never received it. */
    NOT_AT_WECHAT,
    /** WeChat refuses the request as it is: stop and tell a person. */
    REFUSED
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
      case ORDERNOTEXIST -> ErrorAction.NOT_AT_WECHAT;
      default -> ErrorAction.REFUSED;
    };
  }
}
