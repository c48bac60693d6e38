package io.paydesk.wechatpay.miniprogram;

/**
 * The {@code errcode}s of WeChat's mini-program server API that the library and PayDesk's gateway
 * name (developers.weixin.qq.com: "获取稳定版接口调用凭据", "发货信息录入", "查询订单发货状态"). What each means for PayDesk
 * is decided in one place, the gateway's {@code WeChatOutcomes}.
 */
public final class MiniProgramErrors {
  private MiniProgramErrors() {}

  /** System busy: try again later. */
  public static final int SYSTEM_BUSY = -1;

  /** The access token is invalid (revoked, or replaced by a forced refresh). */
  public static final int ACCESS_TOKEN_INVALID = 40001;

  /** The access token has expired. */
  public static final int ACCESS_TOKEN_EXPIRED = 42001;

  /** grant_type is not client_credential. */
  public static final int INVALID_GRANT_TYPE = 40002;

  /** No such appid. */
  public static final int INVALID_APPID = 40013;

  /** The AppSecret is wrong. */
  public static final int INVALID_APPSECRET = 40125;

  /** The caller's IP is not on the mini-program's allow list. */
  public static final int IP_NOT_ALLOWED = 40164;

  /** The daily quota of the API is used up. */
  public static final int QUOTA_EXCEEDED = 45009;

  /** The request body is not what the API expects (a field missing or of the wrong type). */
  public static final int DATA_FORMAT_ERROR = 47001;

  /** The mini-program is not authorised for the API (not in the shipping-information service). */
  public static final int API_UNAUTHORIZED = 48001;

  /** No payment with that key (WeChat may not have indexed a fresh payment yet). */
  public static final int ORDER_NOT_FOUND = 10060001;

  /** The payment is settled: its shipping information can no longer be entered. */
  public static final int ORDER_SETTLED = 10060002;

  /** The payment has used its one chance to change its shipping information. */
  public static final int SHIPPING_ALREADY_CHANGED = 10060003;

  /** The payment is in a state that cannot be shipped (refunded, in a complaint...). */
  public static final int ORDER_NOT_SHIPPABLE = 10060004;

  /** logistics_type is not one of 1 to 4. */
  public static final int INVALID_LOGISTICS_TYPE = 10060005;

  /** Only express shipments may be split. */
  public static final int SPLIT_NOT_ALLOWED = 10060006;

  /** is_all_delivered is required when a shipment is split. */
  public static final int ALL_DELIVERED_REQUIRED = 10060007;

  /** item_desc is required. */
  public static final int ITEM_DESC_REQUIRED = 10060008;

  /** item_desc is longer than 120 characters. */
  public static final int ITEM_DESC_TOO_LONG = 10060009;

  /** A system error at WeChat: try again later. */
  public static final int SYSTEM_ERROR = 10060012;

  /** The same shipping information again: nothing changed, it is recorded already. */
  public static final int SHIPPING_NOT_CHANGED = 10060023;

  /** shipping_list is too long (at most 15 parcels; exactly one when not split). */
  public static final int SHIPPING_LIST_TOO_LONG = 10060024;

  /** The payment is not the payer's (openid and payment do not belong together). */
  public static final int PAYER_MISMATCH = 10060031;

  /** upload_time is not an RFC 3339 time. */
  public static final int INVALID_UPLOAD_TIME = 268485216;

  /** delivery_mode is not 1 or 2. */
  public static final int INVALID_DELIVERY_MODE = 268485224;

  /** tracking_no or express_company is missing for an express shipment. */
  public static final int TRACKING_REQUIRED = 268485226;

  /** Whether {@code errcode} means the access token must be replaced. */
  public static boolean aboutToken(int errcode) {
    return errcode == ACCESS_TOKEN_INVALID || errcode == ACCESS_TOKEN_EXPIRED;
  }
}
