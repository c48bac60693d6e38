package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.WeChatError;
import java.util.Map;

/**
 * The outcome of one call to WeChat. The five cases are distinct on purpose:
 *
 * <ul>
 *   <li>{@link Success}: return_code and result_code SUCCESS, signature verified.
 *   <li>{@link BusinessFailure}: result_code FAIL with an {@code err_code} (e.g. ORDERPAID,
 *       NOTENOUGH); WeChat answered and the answer is signed.
 *   <li>{@link CommunicationFailure}: return_code FAIL (parameter or signature problem reported by
 *       WeChat); nothing was done.
 *   <li>{@link NotSent}: the request never left (connection refused, connect timeout, TLS handshake
 *       refused). Safe to send again.
 *   <li>{@link Unknown}: it may or may not have reached WeChat (timeout after sending, connection
 *       lost, HTTP 5xx, unparseable or unverifiable answer). Not a failure: query, or retry with
 *       the <b>same</b> out_trade_no / out_refund_no. This client never invents those numbers.
 * </ul>
 *
 * Java 17 has no pattern switch: switch on {@link #kind()} and cast, or use instanceof.
 */
public sealed interface CallResult<T>
    permits CallResult.Success,
        CallResult.BusinessFailure,
        CallResult.CommunicationFailure,
        CallResult.NotSent,
        CallResult.Unknown {

  /** The case, for a {@code switch}. */
  enum Kind {
    SUCCESS,
    BUSINESS_FAILURE,
    COMMUNICATION_FAILURE,
    NOT_SENT,
    UNKNOWN
  }

  /** Why a call reported {@link Unknown}. */
  enum UnknownReason {
    TIMEOUT,
    CONNECTION_LOST,
    HTTP_STATUS,
    UNPARSEABLE,
    BAD_SIGNATURE,
    INTERRUPTED
  }

  /** Why a call reported {@link NotSent}. */
  enum NotSentReason {
    CONNECT_FAILED,
    CONNECT_TIMEOUT,
    TLS_HANDSHAKE_FAILED
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
  record Success<T>(T value) implements CallResult<T> {
    @Override
    public Kind kind() {
      return Kind.SUCCESS;
    }
  }

  /**
   * result_code FAIL: a business error such as ORDERPAID or NOTENOUGH.
   *
   * @param fields every field of WeChat's (verified) answer
   */
  record BusinessFailure<T>(WeChatError error, Map<String, String> fields)
      implements CallResult<T> {
    @Override
    public Kind kind() {
      return Kind.BUSINESS_FAILURE;
    }
  }

  /**
   * return_code FAIL: WeChat refused the message itself (signature, parameters).
   *
   * @param fields every field of the answer (unsigned)
   */
  record CommunicationFailure<T>(String returnMsg, Map<String, String> fields)
      implements CallResult<T> {
    @Override
    public Kind kind() {
      return Kind.COMMUNICATION_FAILURE;
    }
  }

  /** Nothing reached WeChat. */
  record NotSent<T>(NotSentReason reason, String detail) implements CallResult<T> {
    @Override
    public Kind kind() {
      return Kind.NOT_SENT;
    }
  }

  /** WeChat may or may not have acted: resolve by query, never by assuming failure. */
  record Unknown<T>(UnknownReason reason, String detail) implements CallResult<T> {
    @Override
    public Kind kind() {
      return Kind.UNKNOWN;
    }
  }
}
