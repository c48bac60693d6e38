package io.paydesk.wechatpay.xml;

import io.paydesk.wechatpay.WeChatPayException;

/**
 * A body the XML codec refuses: too large, with a DOCTYPE, not well-formed, nested or duplicated
 * fields. The message names the reason, never the body.
 */
public final class XmlRejectedException extends WeChatPayException {
  private static final long serialVersionUID = 1L;

  public XmlRejectedException(Code code, String message) {
    super(code, message);
  }

  public XmlRejectedException(Code code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
