package io.paydesk.wechatpay;

/**
 * A business error ({@code result_code=FAIL}): the typed code, the raw {@code err_code} exactly as
 * WeChat sent it (kept for codes this version does not know) and {@code err_code_des}.
 */
public record WeChatError(ErrCode code, String rawCode, String description) {

  public static WeChatError of(String rawCode, String description) {
    return new WeChatError(ErrCode.of(rawCode), rawCode, description);
  }
}
