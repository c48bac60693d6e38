package io.paydesk.wechatpay.notify;

import io.paydesk.wechatpay.WeChatPayException;

/**
 * A notification that must not be acted on: {@code return_code=FAIL}, another merchant's, or a
 * refund {@code req_info} that does not decrypt to the expected XML.
 */
public final class NotificationRejectedException extends WeChatPayException {
  private static final long serialVersionUID = 1L;

  public NotificationRejectedException(Code code, String message) {
    super(code, message);
  }

  public NotificationRejectedException(Code code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
