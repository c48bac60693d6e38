package io.paydesk.wechatpay.bill;

import io.paydesk.wechatpay.WeChatPayException;

/** A bill that is not in WeChat's trade bill format (or is truncated). Names the line. */
public class BillFormatException extends WeChatPayException {
  private static final long serialVersionUID = 1L;

  public BillFormatException(String message) {
    super(Code.BILL_FORMAT, message);
  }

  protected BillFormatException(Code code, String message) {
    super(code, message);
  }
}
