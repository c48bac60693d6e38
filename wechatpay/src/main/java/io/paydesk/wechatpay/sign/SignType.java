package io.paydesk.wechatpay.sign;

import io.paydesk.wechatpay.WeChatPayException;

/** The two v2 signature types, with the names WeChat uses on the wire, weakest first. */
public enum SignType {
  MD5("MD5"),
  HMAC_SHA256("HMAC-SHA256");

  private final String wireName;

  SignType(String wireName) {
    this.wireName = wireName;
  }

  /** Whether this type is weaker than {@code other} (MD5 is weaker than HMAC-SHA256). */
  public boolean weakerThan(SignType other) {
    return ordinal() < other.ordinal();
  }

  /** The value of {@code sign_type} / {@code signType}: {@code MD5} or {@code HMAC-SHA256}. */
  public String wireName() {
    return wireName;
  }

  /**
   * @throws WeChatPayException with {@code SIGN_TYPE_UNKNOWN} for anything else
   */
  public static SignType fromWireName(String name) {
    for (SignType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw new WeChatPayException(
        WeChatPayException.Code.SIGN_TYPE_UNKNOWN, "unknown sign_type: " + name);
  }
}
