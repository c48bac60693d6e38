package io.paydesk.wechatpay.v3;

import io.paydesk.wechatpay.client.CallResult.NotSentReason;
import io.paydesk.wechatpay.client.CallResult.UnknownReason;

/**
 * The outcome of one v3 call, in the same spirit as v2's {@link
 * io.paydesk.wechatpay.client.CallResult}:
 *
 * <ul>
 *   <li>{@link Success}: 2xx, signature verified, body typed.
 *   <li>{@link Refused}: a 4xx with WeChat's verified {@code {"code","message"}} — WeChat answered
 *       and did not do it (ORDER_CLOSED, NOT_ENOUGH, SIGN_ERROR, FREQUENCY_LIMITED...).
 *   <li>{@link NotSent}: nothing left (connection refused, connect timeout, TLS handshake).
 *   <li>{@link Unknown}: it may have reached WeChat (timeout after sending, connection lost, 5xx
 *       such as SYSTEM_ERROR, an unverifiable or unparseable answer). Not a failure: query, or
 *       retry with the same out_trade_no / out_refund_no.
 * </ul>
 */
public sealed interface ApiV3Result<T>
    permits ApiV3Result.Success, ApiV3Result.Refused, ApiV3Result.NotSent, ApiV3Result.Unknown {

  /** The case, for a {@code switch}. */
  enum Kind {
    SUCCESS,
    REFUSED,
    NOT_SENT,
    UNKNOWN
  }

  Kind kind();

  /** The value of a {@link Success}. @throws IllegalStateException for any other case */
  default T orElseThrow() {
    if (this instanceof Success<T> success) {
      return success.value();
    }
    throw new IllegalStateException("call did not succeed: " + this);
  }

  /** WeChat did it. */
  record Success<T>(T value) implements ApiV3Result<T> {
    @Override
    public Kind kind() {
      return Kind.SUCCESS;
    }
  }

  /** WeChat refused (4xx, verified). */
  record Refused<T>(ApiV3Error error) implements ApiV3Result<T> {
    @Override
    public Kind kind() {
      return Kind.REFUSED;
    }
  }

  /** Nothing reached WeChat. */
  record NotSent<T>(NotSentReason reason, String detail) implements ApiV3Result<T> {
    @Override
    public Kind kind() {
      return Kind.NOT_SENT;
    }
  }

  /** WeChat may or may not have acted: resolve by query, never by assuming failure. */
  record Unknown<T>(UnknownReason reason, String detail) implements ApiV3Result<T> {
    @Override
    public Kind kind() {
      return Kind.UNKNOWN;
    }
  }
}
