package io.paydesk.wechatpay.v3;

/**
 * An API v3 error answer: the HTTP status and WeChat's {@code {"code":…,"message":…}} (e.g. 403
 * {@code NOT_ENOUGH}, 404 {@code ORDER_NOT_EXIST}, 401 {@code SIGN_ERROR}). The code is kept as
 * sent; codes this version does not know are still readable.
 */
public record ApiV3Error(int status, String code, String message) {}
