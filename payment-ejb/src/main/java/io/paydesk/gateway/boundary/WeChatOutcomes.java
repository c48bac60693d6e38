package io.paydesk.gateway.boundary;

import io.paydesk.gateway.entity.OrderClosing;
import io.paydesk.gateway.entity.PaymentCheck;
import io.paydesk.gateway.entity.PaymentNotice;
import io.paydesk.gateway.entity.Prepay;
import io.paydesk.gateway.entity.RefundFinding;
import io.paydesk.gateway.entity.RefundProgress;
import io.paydesk.gateway.entity.RefundReport;
import io.paydesk.gateway.entity.RefundSubmission;
import io.paydesk.gateway.entity.ShippingUploadOutcome;
import io.paydesk.wechatpay.ErrCode;
import io.paydesk.wechatpay.WeChatError;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.CloseOrderResponse;
import io.paydesk.wechatpay.client.OrderQueryResponse;
import io.paydesk.wechatpay.client.RefundQueryResponse;
import io.paydesk.wechatpay.client.RefundResponse;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.client.TradeState;
import io.paydesk.wechatpay.client.UnifiedOrderResponse;
import io.paydesk.wechatpay.miniprogram.MiniProgramErrors;
import io.paydesk.wechatpay.miniprogram.MiniProgramResult;
import io.paydesk.wechatpay.notify.PaymentNotification;
import io.paydesk.wechatpay.notify.RefundInfo;
import io.paydesk.wechatpay.v3.ApiV3Error;
import io.paydesk.wechatpay.v3.ApiV3Result;
import io.paydesk.wechatpay.v3.DomesticRefund;
import io.paydesk.wechatpay.v3.DomesticRefundStatus;
import io.paydesk.wechatpay.v3.TradeBill;
import io.paydesk.wechatpay.v3.Transaction;
import io.paydesk.wechatpay.v3.notify.PaymentEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place where WeChat's codes become PayDesk's decisions. Nothing else interprets a
 * trade_state, a refund_status, an err_code or a return_msg: {@link WeChatPayGateway} calls WeChat
 * and answers with what these functions make of the answer (the types of {@code
 * io.paydesk.gateway.entity}). Pure functions, so that every code is tested without a container.
 *
 * <p>API v3 answers (HTTP status and {@code code}, {@code trade_state}, refund {@code status}) are
 * mapped here too, to the same outcome types: the rest of PayDesk cannot tell the versions apart.
 */
public final class WeChatOutcomes {

  private WeChatOutcomes() {}

  /** What a trade_state means for a payment attempt. */
  enum Finding {
    /** WeChat took the money: mark paid. */
    PAID,
    /** The buyer can still pay, or is paying: ask again later. */
    WAITING,
    /** This out_trade_no can never be paid: close the attempt. */
    CANNOT_BE_PAID,
    /** WeChat answered something we do not understand: ask again later, never guess. */
    UNKNOWN
  }

  /** What an error answer (result_code FAIL) means for the request that got it. */
  enum ErrorAction {
    /** A transient failure at WeChat: the outcome is unknown, retry with the same numbers. */
    RETRY,
    /** The order is paid at WeChat: query it and mark it paid. */
    QUERY_PAID,
    /** The order is closed at WeChat. */
    CLOSED,
    /** WeChat has no such order (or refund): it never received it. */
    NOT_AT_WECHAT,
    /** WeChat refuses the request as it is: stop and tell a person. */
    REFUSED
  }

  /** What the answer to {@code /pay/downloadbill} means for a reconciliation. */
  public enum BillAnswer {
    /** The bill is there (possibly "No Bill Exist": a day without trades, zero lines). */
    READY,
    /** Not generated yet, or no answer: try again later. */
    NOT_YET,
    /** WeChat refuses the request itself (a date it does not serve, a bad parameter): stop. */
    REFUSED
  }

  /** The refund_account that sends a refund from the merchant's available balance. */
  static final String RECHARGE_FUNDS = "REFUND_SOURCE_RECHARGE_FUNDS";

  /**
   * Interprets a downloadbill answer. WeChat answers in XML when there is no bill to stream: "No
   * Bill Exist" arrives as an empty bill (success); {@code error_code} 20001 ("invalid bill_date",
   * "invalid bill_type": a date WeChat does not serve) is final; anything else ("Bill Creating",
   * SYSTEMERROR, no answer) is retried later.
   */
  public static BillAnswer ofBill(CallResult<?> result) {
    return switch (result.kind()) {
      case SUCCESS -> BillAnswer.READY;
      case COMMUNICATION_FAILURE -> {
        var failure = (CallResult.CommunicationFailure<?>) result;
        String message = failure.returnMsg() == null ? "" : failure.returnMsg();
        yield "20001".equals(failure.fields().get("error_code"))
                || message.toLowerCase(Locale.ROOT).startsWith("invalid")
            ? BillAnswer.REFUSED
            : BillAnswer.NOT_YET;
      }
      case BUSINESS_FAILURE, NOT_SENT, UNKNOWN -> BillAnswer.NOT_YET;
    };
  }

  /** The answer to a unified order. */
  static Prepay prepay(CallResult<UnifiedOrderResponse> result) {
    return switch (result.kind()) {
      case SUCCESS -> new Prepay.Issued(result.orElseThrow().prepayId());
      case BUSINESS_FAILURE -> {
        WeChatError error = error(result);
        yield switch (of(error.code())) {
          case QUERY_PAID -> new Prepay.AlreadyPaid();
          case CLOSED -> new Prepay.Closed("unifiedorder " + error.rawCode());
          case RETRY -> new Prepay.Unavailable("WeChat: " + error.rawCode() + "; retry");
          case NOT_AT_WECHAT, REFUSED ->
              new Prepay.Refused(
                  "unifiedorder " + error.rawCode(),
                  "WeChat: " + error.rawCode() + " " + error.description());
        };
      }
      case COMMUNICATION_FAILURE -> {
        String message = ((CallResult.CommunicationFailure<?>) result).returnMsg();
        yield new Prepay.Refused("unifiedorder return_code FAIL " + message, "WeChat: " + message);
      }
      case NOT_SENT, UNKNOWN ->
          new Prepay.Unavailable("WeChat did not answer; retry with the same request");
    };
  }

  /** The answer to an order query; {@code now} stands in for a missing time_end. */
  static PaymentCheck payment(CallResult<OrderQueryResponse> result, Instant now) {
    return switch (result.kind()) {
      case SUCCESS -> {
        OrderQueryResponse answer = result.orElseThrow();
        yield switch (of(answer.tradeState())) {
          case PAID ->
              new PaymentCheck.Paid(
                  answer.outTradeNo(),
                  answer.transactionId(),
                  answer.totalFee() == null ? -1 : answer.totalFee(),
                  answer.timeEnd() != null ? answer.timeEnd() : now);
          case CANNOT_BE_PAID ->
              new PaymentCheck.CannotBePaid("trade_state " + answer.tradeState());
          case WAITING -> new PaymentCheck.StillOpen("trade_state " + rawTradeState(answer));
          case UNKNOWN -> new PaymentCheck.Unknown("trade_state " + rawTradeState(answer));
        };
      }
      case BUSINESS_FAILURE -> {
        WeChatError error = error(result);
        yield of(error.code()) == ErrorAction.NOT_AT_WECHAT
            ? new PaymentCheck.NotAtWeChat(
                "orderquery " + error.rawCode(), "never reached WeChat (" + error.rawCode() + ")")
            : new PaymentCheck.Unknown("orderquery " + error.rawCode());
      }
      case COMMUNICATION_FAILURE, NOT_SENT, UNKNOWN ->
          new PaymentCheck.Unknown("orderquery " + result.kind());
    };
  }

  /** The answer to a closeorder. */
  static OrderClosing closing(CallResult<CloseOrderResponse> result) {
    return switch (result.kind()) {
      case SUCCESS -> new OrderClosing.Closed("closed at WeChat: expired");
      case BUSINESS_FAILURE -> {
        WeChatError error = error(result);
        yield switch (of(error.code())) {
          case QUERY_PAID -> new OrderClosing.PaidAfterAll();
          case CLOSED -> new OrderClosing.Closed("already closed at WeChat");
          case NOT_AT_WECHAT ->
              new OrderClosing.Closed("never reached WeChat (" + error.rawCode() + ")");
          case RETRY, REFUSED -> new OrderClosing.NotClosed("closeorder " + error.rawCode());
        };
      }
      case COMMUNICATION_FAILURE, NOT_SENT, UNKNOWN ->
          new OrderClosing.NotClosed("closeorder " + result.kind());
    };
  }

  /** A verified payment notification; {@code now} stands in for a missing time_end. */
  static PaymentNotice notice(PaymentNotification notification, Instant now) {
    if (!notification.succeeded()) {
      return new PaymentNotice.NotPaid(notification.outTradeNo());
    }
    return new PaymentNotice.Paid(
        new PaymentCheck.Paid(
            notification.outTradeNo(),
            notification.transactionId(),
            notification.totalFee(),
            notification.timeEnd() != null ? notification.timeEnd() : now));
  }

  /**
   * The whole answer to a refund request ({@code /secapi/pay/refund}): its kind, err_code and
   * return_msg. NOTENOUGH: the funds it was sent from cannot cover it.
   */
  static RefundSubmission submission(CallResult<RefundResponse> result) {
    return switch (result.kind()) {
      case SUCCESS -> new RefundSubmission.Accepted(result.orElseThrow().refundId());
      case BUSINESS_FAILURE -> {
        WeChatError error = error(result);
        if (error.code() == ErrCode.NOTENOUGH) {
          yield new RefundSubmission.NotEnoughFunds();
        }
        yield of(error.code()) == ErrorAction.RETRY
            ? retry(result)
            : new RefundSubmission.Refused(
                "WeChat refused the refund: "
                    + error.rawCode()
                    + (error.description() == null ? "" : " " + error.description()));
      }
      case COMMUNICATION_FAILURE ->
          aboutCertificate(((CallResult.CommunicationFailure<?>) result).returnMsg())
              ? certificate(result)
              : retry(result);
      case NOT_SENT ->
          ((CallResult.NotSent<?>) result).reason() == CallResult.NotSentReason.TLS_HANDSHAKE_FAILED
              ? certificate(result)
              : retry(result);
      case UNKNOWN -> retry(result);
    };
  }

  /** The answer to a refund query about {@code outRefundNo}. */
  static RefundFinding finding(CallResult<RefundQueryResponse> result, String outRefundNo) {
    return switch (result.kind()) {
      case SUCCESS -> {
        RefundQueryResponse answer = result.orElseThrow();
        Optional<RefundQueryResponse.Refund> one = answer.find(outRefundNo);
        yield one.isEmpty()
            ? new RefundFinding.Unknown("refundquery does not list it")
            : new RefundFinding.Found(
                new RefundReport(
                    one.get().outRefundNo(),
                    answer.outTradeNo(),
                    one.get().refundId(),
                    one.get().refundFee(),
                    of(one.get().status()),
                    "refund_status " + answer.fields().get("refund_status_" + one.get().index()),
                    one.get().successTime()));
      }
      case BUSINESS_FAILURE -> {
        WeChatError error = error(result);
        yield of(error.code()) == ErrorAction.NOT_AT_WECHAT
            ? new RefundFinding.NotAtWeChat()
            : new RefundFinding.Unknown("refundquery " + error.rawCode());
      }
      case COMMUNICATION_FAILURE, NOT_SENT, UNKNOWN ->
          new RefundFinding.Unknown("refundquery " + describe(result));
    };
  }

  /** The decrypted content of a refund notification. */
  static RefundReport report(RefundInfo info) {
    return new RefundReport(
        info.outRefundNo(),
        info.outTradeNo(),
        info.refundId(),
        info.refundFee(),
        of(info.refundStatus()),
        "refund_status " + info.fields().get("refund_status"),
        info.successTime());
  }

  static RefundProgress of(RefundStatus status) {
    return switch (status) {
      case PROCESSING -> RefundProgress.PROCESSING;
      case SUCCESS -> RefundProgress.REFUNDED;
      case CHANGE -> RefundProgress.BANK_CARD_FAILED;
      case REFUNDCLOSE -> RefundProgress.CLOSED;
      case UNRECOGNIZED -> RefundProgress.UNKNOWN;
    };
  }

  static Finding of(TradeState state) {
    return switch (state) {
      case SUCCESS, REFUND -> Finding.PAID;
      case NOTPAY, USERPAYING, ACCEPT -> Finding.WAITING;
      case CLOSED, REVOKED, PAYERROR -> Finding.CANNOT_BE_PAID;
      case UNRECOGNIZED -> Finding.UNKNOWN;
    };
  }

  static ErrorAction of(ErrCode code) {
    return switch (code) {
      case SYSTEMERROR, FREQUENCY_LIMITED -> ErrorAction.RETRY;
      case ORDERPAID -> ErrorAction.QUERY_PAID;
      case ORDERCLOSED -> ErrorAction.CLOSED;
      case ORDERNOTEXIST, REFUNDNOTEXIST -> ErrorAction.NOT_AT_WECHAT;
      default -> ErrorAction.REFUSED;
    };
  }

  /** Whether a return_msg complains about the client certificate (证书校验错误, 证书已过期, ...). */
  static boolean aboutCertificate(String returnMsg) {
    return returnMsg != null
        && (returnMsg.contains("证书") || returnMsg.toLowerCase(Locale.ROOT).contains("cert"));
  }

  /** A short account of a call that did not succeed, for the record and the log. */
  static String describe(CallResult<?> result) {
    return switch (result.kind()) {
      case SUCCESS -> "accepted";
      case BUSINESS_FAILURE -> {
        WeChatError error = error(result);
        yield "err_code "
            + error.rawCode()
            + (error.description() == null ? "" : " " + error.description());
      }
      case COMMUNICATION_FAILURE ->
          "return_code FAIL " + ((CallResult.CommunicationFailure<?>) result).returnMsg();
      case NOT_SENT -> "not sent: " + ((CallResult.NotSent<?>) result).reason();
      case UNKNOWN -> "outcome unknown: " + ((CallResult.Unknown<?>) result).reason();
    };
  }

  // ---- API v3: the same outcomes from v3's answers

  /**
   * What a v3 error answer's {@code code} means for the request that got it. v3 names v2's codes
   * with underscores (ORDER_NOT_EXIST, SYSTEM_ERROR, ORDER_CLOSED) and reports an unknown refund as
   * RESOURCE_NOT_EXISTS; both spellings are read. 429 is a rate limit whatever its code.
   */
  static ErrorAction ofV3(ApiV3Error error) {
    if (error.status() == 429) {
      return ErrorAction.RETRY;
    }
    String code = error.code() == null ? "" : error.code();
    return switch (code) {
      case "SYSTEM_ERROR", "SYSTEMERROR", "FREQUENCY_LIMITED", "RATELIMIT_EXCEEDED", "BANK_ERROR" ->
          ErrorAction.RETRY;
      case "ORDERPAID", "ORDER_PAID", "TRADE_PAID" -> ErrorAction.QUERY_PAID;
      case "ORDER_CLOSED", "ORDERCLOSED" -> ErrorAction.CLOSED;
      case "ORDER_NOT_EXIST", "ORDERNOTEXIST", "RESOURCE_NOT_EXISTS", "REFUNDNOTEXIST" ->
          ErrorAction.NOT_AT_WECHAT;
      default -> ErrorAction.REFUSED;
    };
  }

  /** Whether a v3 refusal says PayDesk's own signature is wrong (the merchant key or serial). */
  static boolean aboutMerchantKey(ApiV3Error error) {
    return error.status() == 401 || "SIGN_ERROR".equals(error.code());
  }

  /** The answer to a v3 JSAPI prepay. */
  public static Prepay prepayV3(ApiV3Result<io.paydesk.wechatpay.v3.Prepay> result) {
    return switch (result.kind()) {
      case SUCCESS -> new Prepay.Issued(result.orElseThrow().prepayId());
      case REFUSED -> {
        ApiV3Error error = errorV3(result);
        yield switch (ofV3(error)) {
          case QUERY_PAID -> new Prepay.AlreadyPaid();
          case CLOSED -> new Prepay.Closed("jsapi prepay " + error.code());
          case RETRY -> new Prepay.Unavailable("WeChat: " + error.code() + "; retry");
          case NOT_AT_WECHAT, REFUSED ->
              new Prepay.Refused(
                  "jsapi prepay " + error.status() + " " + error.code(),
                  "WeChat: " + error.code() + " " + error.message());
        };
      }
      case NOT_SENT, UNKNOWN ->
          new Prepay.Unavailable("WeChat did not answer; retry with the same request");
    };
  }

  /** The answer to a v3 query by out_trade_no; {@code now} stands in for a missing success_time. */
  public static PaymentCheck paymentV3(ApiV3Result<Transaction> result, Instant now) {
    return switch (result.kind()) {
      case SUCCESS -> {
        Transaction t = result.orElseThrow();
        yield switch (of(t.tradeState())) {
          case PAID ->
              new PaymentCheck.Paid(
                  t.outTradeNo(),
                  t.transactionId(),
                  t.totalFen(),
                  t.successTime() != null ? t.successTime() : now);
          case CANNOT_BE_PAID -> new PaymentCheck.CannotBePaid("trade_state " + t.rawTradeState());
          case WAITING -> new PaymentCheck.StillOpen("trade_state " + t.rawTradeState());
          case UNKNOWN -> new PaymentCheck.Unknown("trade_state " + t.rawTradeState());
        };
      }
      case REFUSED -> {
        ApiV3Error error = errorV3(result);
        yield ofV3(error) == ErrorAction.NOT_AT_WECHAT
            ? new PaymentCheck.NotAtWeChat(
                "query " + error.code(), "never reached WeChat (" + error.code() + ")")
            : new PaymentCheck.Unknown("query " + describeV3(result));
      }
      case NOT_SENT, UNKNOWN -> new PaymentCheck.Unknown("query " + describeV3(result));
    };
  }

  /** The answer to a v3 close (204 on success). */
  public static OrderClosing closingV3(ApiV3Result<?> result) {
    return switch (result.kind()) {
      case SUCCESS -> new OrderClosing.Closed("closed at WeChat: expired");
      case REFUSED -> {
        ApiV3Error error = errorV3(result);
        yield switch (ofV3(error)) {
          case QUERY_PAID -> new OrderClosing.PaidAfterAll();
          case CLOSED -> new OrderClosing.Closed("already closed at WeChat");
          case NOT_AT_WECHAT ->
              new OrderClosing.Closed("never reached WeChat (" + error.code() + ")");
          case RETRY, REFUSED -> new OrderClosing.NotClosed("close " + error.code());
        };
      }
      case NOT_SENT, UNKNOWN -> new OrderClosing.NotClosed("close " + describeV3(result));
    };
  }

  /** A verified, decrypted v3 payment notification; {@code now} for a missing success_time. */
  public static PaymentNotice noticeV3(PaymentEvent event, Instant now) {
    Transaction t = event.transaction();
    if (of(t.tradeState()) != Finding.PAID) {
      return new PaymentNotice.NotPaid(t.outTradeNo());
    }
    return new PaymentNotice.Paid(
        new PaymentCheck.Paid(
            t.outTradeNo(),
            t.transactionId(),
            t.totalFen(),
            t.successTime() != null ? t.successTime() : now));
  }

  /**
   * The answer to a v3 refund ({@code /v3/refund/domestic/refunds}). NOT_ENOUGH: the funds it was
   * sent from cannot cover it; 401 SIGN_ERROR: WeChat refuses PayDesk's signature (the merchant's
   * key or certificate serial), v3's counterpart of v2's refused client certificate.
   */
  public static RefundSubmission submissionV3(ApiV3Result<DomesticRefund> result) {
    return switch (result.kind()) {
      case SUCCESS -> new RefundSubmission.Accepted(result.orElseThrow().refundId());
      case REFUSED -> {
        ApiV3Error error = errorV3(result);
        if ("NOT_ENOUGH".equals(error.code())) {
          yield new RefundSubmission.NotEnoughFunds();
        }
        if (aboutMerchantKey(error)) {
          yield new RefundSubmission.CertificateProblem(
              "merchant key or certificate serial refused ("
                  + describeV3(result)
                  + "): check paydesk.wechat.v3.private-key-file and"
                  + " paydesk.wechat.v3.certificate-serial; sent again with the same out_refund_no");
        }
        yield ofV3(error) == ErrorAction.RETRY
            ? retryV3(result)
            : new RefundSubmission.Refused(
                "WeChat refused the refund: "
                    + error.code()
                    + (error.message() == null ? "" : " " + error.message()));
      }
      case NOT_SENT, UNKNOWN -> retryV3(result);
    };
  }

  /** The answer to a v3 refund query. */
  public static RefundFinding findingV3(ApiV3Result<DomesticRefund> result) {
    return switch (result.kind()) {
      case SUCCESS -> new RefundFinding.Found(reportV3(result.orElseThrow()));
      case REFUSED ->
          ofV3(errorV3(result)) == ErrorAction.NOT_AT_WECHAT
              ? new RefundFinding.NotAtWeChat()
              : new RefundFinding.Unknown("refund query " + describeV3(result));
      case NOT_SENT, UNKNOWN -> new RefundFinding.Unknown("refund query " + describeV3(result));
    };
  }

  /** A v3 refund (answer, query or decrypted notification) in PayDesk's terms. */
  public static RefundReport reportV3(DomesticRefund refund) {
    return new RefundReport(
        refund.outRefundNo(),
        refund.outTradeNo(),
        refund.refundId(),
        refund.refundFen(),
        of(refund.status()),
        "refund status " + refund.rawStatus(),
        refund.successTime());
  }

  static RefundProgress of(DomesticRefundStatus status) {
    return switch (status) {
      case PROCESSING -> RefundProgress.PROCESSING;
      case SUCCESS -> RefundProgress.REFUNDED;
      case ABNORMAL -> RefundProgress.BANK_CARD_FAILED;
      case CLOSED -> RefundProgress.CLOSED;
      case UNRECOGNIZED -> RefundProgress.UNKNOWN;
    };
  }

  /**
   * The answer to {@code /v3/bill/tradebill} when it gives no link: NO_STATEMENT_EXIST is a day
   * without trades; STATEMENT_CREATING, a rate limit, a 5xx or no answer are asked again later; any
   * other refusal (a date WeChat does not serve, a bad parameter) is final. Null for a link.
   */
  public static io.paydesk.gateway.boundary.BillAnswer billV3(ApiV3Result<TradeBill> result) {
    return switch (result.kind()) {
      case SUCCESS -> null;
      case REFUSED -> {
        ApiV3Error error = errorV3(result);
        if ("NO_STATEMENT_EXIST".equals(error.code())) {
          yield new io.paydesk.gateway.boundary.BillAnswer.NoBill();
        }
        yield "STATEMENT_CREATING".equals(error.code()) || ofV3(error) == ErrorAction.RETRY
            ? new io.paydesk.gateway.boundary.BillAnswer.NotReady(
                "bill not ready: " + describeV3(result))
            : new io.paydesk.gateway.boundary.BillAnswer.Failed(
                "WeChat refuses the date: " + describeV3(result));
      }
      case NOT_SENT, UNKNOWN ->
          new io.paydesk.gateway.boundary.BillAnswer.NotReady(
              "bill not ready: " + describeV3(result));
    };
  }

  /** A short account of a v3 call that did not succeed, for the record and the log. */
  public static String describeV3(ApiV3Result<?> result) {
    return switch (result.kind()) {
      case SUCCESS -> "accepted";
      case REFUSED -> {
        ApiV3Error error = errorV3(result);
        yield error.status()
            + " "
            + error.code()
            + (error.message() == null ? "" : " " + error.message());
      }
      case NOT_SENT -> "not sent: " + ((ApiV3Result.NotSent<?>) result).reason();
      case UNKNOWN -> "outcome unknown: " + ((ApiV3Result.Unknown<?>) result).reason();
    };
  }

  private static ApiV3Error errorV3(ApiV3Result<?> result) {
    return ((ApiV3Result.Refused<?>) result).error();
  }

  private static RefundSubmission retryV3(ApiV3Result<?> result) {
    return new RefundSubmission.Retry(
        describeV3(result) + "; sent again later with the same out_refund_no");
  }

  private static RefundSubmission retry(CallResult<?> result) {
    return new RefundSubmission.Retry(
        describe(result) + "; sent again later with the same out_refund_no");
  }

  private static RefundSubmission certificate(CallResult<?> result) {
    return new RefundSubmission.CertificateProblem(
        "client certificate missing or refused ("
            + describe(result)
            + "): check paydesk.wechat.cert-path and cert-password; sent again with the same"
            + " out_refund_no");
  }

  private static WeChatError error(CallResult<?> result) {
    return ((CallResult.BusinessFailure<?>) result).error();
  }

  private static String rawTradeState(OrderQueryResponse answer) {
    return answer.fields().get("trade_state");
  }

  // ---- the mini-program's shipping information (小程序发货信息管理服务)

  /**
   * What an answer to {@code upload_shipping_info} means. The same information again (10060023) is
   * already recorded; a busy or failing WeChat, a payment not indexed yet (10060001, which WeChat
   * advises to try again a minute later), a spent quota, a token WeChat still refuses after a fresh
   * one, and no answer at all are tried again; anything else is a refusal of the upload as it is
   * (settled, already changed once, not shippable, another payer, a bad field, the mini-program not
   * in the programme), for a person to look at.
   */
  static ShippingUploadOutcome shippingUpload(MiniProgramResult<?> result) {
    if (result instanceof MiniProgramResult.Success<?>) {
      return new ShippingUploadOutcome.Uploaded("uploaded");
    }
    if (result instanceof MiniProgramResult.NotSent<?> notSent) {
      return new ShippingUploadOutcome.Retry("not sent: " + notSent.detail());
    }
    if (result instanceof MiniProgramResult.Unknown<?> unknown) {
      return new ShippingUploadOutcome.Retry("no answer: " + unknown.detail());
    }
    MiniProgramResult.Refused<?> refused = (MiniProgramResult.Refused<?>) result;
    String why = "errcode " + refused.errcode() + " " + refused.errmsg();
    return switch (refused.errcode()) {
      case MiniProgramErrors.SHIPPING_NOT_CHANGED ->
          new ShippingUploadOutcome.Uploaded("already recorded (" + why + ")");
      case MiniProgramErrors.SYSTEM_BUSY,
          MiniProgramErrors.SYSTEM_ERROR,
          MiniProgramErrors.ORDER_NOT_FOUND,
          MiniProgramErrors.QUOTA_EXCEEDED,
          MiniProgramErrors.ACCESS_TOKEN_INVALID,
          MiniProgramErrors.ACCESS_TOKEN_EXPIRED ->
          new ShippingUploadOutcome.Retry(why);
      default -> new ShippingUploadOutcome.Refused(why);
    };
  }

  /**
   * What an answer to {@code stable_token} means when no token could be had: a wrong AppSecret or
   * appid, or an IP not on the allow list, is a configuration problem (retried, since fixing the
   * configuration needs no change to the upload); said plainly for the order page.
   */
  static ShippingUploadOutcome noToken(MiniProgramResult<?> result) {
    if (result instanceof MiniProgramResult.Refused<?> refused) {
      String hint =
          switch (refused.errcode()) {
            case MiniProgramErrors.INVALID_APPSECRET ->
                " (check paydesk.wechat.mini-program.secret-file)";
            case MiniProgramErrors.INVALID_APPID -> " (check paydesk.wechat.appid)";
            case MiniProgramErrors.IP_NOT_ALLOWED ->
                " (add PayDesk's address to the mini-program's IP allow list)";
            default -> "";
          };
      return new ShippingUploadOutcome.Retry(
          "no access token: errcode " + refused.errcode() + " " + refused.errmsg() + hint);
    }
    return shippingUpload(result);
  }
}
