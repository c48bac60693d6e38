package io.paydesk.wechatpay.miniprogram;

/**
 * The outcome of one call to WeChat's mini-program server API, in four distinct cases as for Pay:
 *
 * <ul>
 *   <li>{@link Success}: {@code errcode} 0 (or absent).
 *   <li>{@link Refused}: WeChat answered with an {@code errcode}; see {@link MiniProgramErrors}.
 *   <li>{@link NotSent}: the request never left (connection refused, connect timeout, TLS handshake
 *       refused). Safe to send again.
 *   <li>{@link Unknown}: it may or may not have reached WeChat (timeout after sending, connection
 *       lost, HTTP status other than 200, an answer that is not JSON). Not a failure: send again.
 * </ul>
 */
public sealed interface MiniProgramResult<T>
    permits MiniProgramResult.Success,
        MiniProgramResult.Refused,
        MiniProgramResult.NotSent,
        MiniProgramResult.Unknown {

  /** WeChat did it. */
  record Success<T>(T value) implements MiniProgramResult<T> {}

  /** WeChat answered {@code errcode} (never 0) with {@code errmsg}. */
  record Refused<T>(int errcode, String errmsg) implements MiniProgramResult<T> {}

  /** Nothing reached WeChat. */
  record NotSent<T>(String detail) implements MiniProgramResult<T> {}

  /** WeChat may or may not have acted. */
  record Unknown<T>(String detail) implements MiniProgramResult<T> {}
}
