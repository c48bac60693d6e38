package io.paydesk.wechatpay;

import java.util.HashMap;
import java.util.Map;

/**
 * WeChat's {@code err_code} values that PayDesk handles. Anything else maps to {@link
 * #UNRECOGNIZED}; the raw string is kept by {@link WeChatError#rawCode()}.
 */
public enum ErrCode {
  /** WeChat-side error: retry with the same out_trade_no / out_refund_no. */
  SYSTEMERROR,
  SIGNERROR,
  PARAM_ERROR,
  /** The order is paid: query it and mark it paid; not an error for closeorder. */
  ORDERPAID,
  ORDERCLOSED,
  ORDERNOTEXIST,
  OUT_TRADE_NO_USED,
  /** Unsettled funds cannot cover the refund. */
  NOTENOUGH,
  REFUNDNOTEXIST,
  INVALID_REQUEST,
  FREQUENCY_LIMITED,
  USER_ACCOUNT_ABNORMAL,
  TRADE_OVERDUE,
  ERROR,
  /** A code this version does not know; see {@link WeChatError#rawCode()}. */
  UNRECOGNIZED;

  private static final Map<String, ErrCode> BY_NAME = new HashMap<>();

  static {
    for (ErrCode code : values()) {
      if (code != UNRECOGNIZED) {
        BY_NAME.put(code.name(), code);
      }
    }
  }

  /** The enum for a raw {@code err_code}; never null. */
  public static ErrCode of(String raw) {
    return raw == null ? UNRECOGNIZED : BY_NAME.getOrDefault(raw, UNRECOGNIZED);
  }
}
