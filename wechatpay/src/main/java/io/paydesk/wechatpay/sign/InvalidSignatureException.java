package io.paydesk.wechatpay.sign;

import io.paydesk.wechatpay.WeChatPayException;

/** A message without {@code sign}, or whose {@code sign} does not match. */
public final class InvalidSignatureException extends WeChatPayException {
  private static final long serialVersionUID = 1L;

  public InvalidSignatureException(Code code, String message) {
    super(code, message);
  }
}
