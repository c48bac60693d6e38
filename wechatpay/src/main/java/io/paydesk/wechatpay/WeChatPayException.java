package io.paydesk.wechatpay;

/**
 * Root of the library's exceptions. Each carries a {@link Code} so a caller (or an {@code
 * ExceptionMapper}) can tell what went wrong without parsing the message. Messages never contain a
 * key, a signature or a whole body.
 */
public class WeChatPayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Code {
    XML_TOO_LARGE,
    XML_DOCTYPE_REFUSED,
    XML_MALFORMED,
    XML_DUPLICATE_FIELD,
    XML_NESTED_ELEMENT,
    XML_WRONG_ROOT,
    SIGN_MISSING,
    SIGN_MISMATCH,
    SIGN_TYPE_UNKNOWN,
    FIELD_MISSING,
    FIELD_INVALID,
    NOTIFY_RETURN_FAIL,
    NOTIFY_WRONG_MERCHANT,
    REFUND_INFO_UNDECRYPTABLE,
    REFUND_INFO_INVALID,
    BILL_FORMAT,
    BILL_SUMMARY_MISMATCH,
    CONFIG_INVALID,
    JSON_TOO_LARGE,
    JSON_MALFORMED,
    SIGN_TIMESTAMP_SKEW,
    SIGN_SERIAL_UNKNOWN,
    RESOURCE_UNDECRYPTABLE
  }

  private final Code code;

  public WeChatPayException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public WeChatPayException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
