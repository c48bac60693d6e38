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
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place where WeChat's codes become PayDesk's decisions. Nothing else interprets a
 * trade_state, a refund_status, an err_code or a return_msg: {@link WeChatPayGateway} calls WeChat
 * and answers with what these functions make of the answer (the types of {@code
 * io.paydesk.gateway.entity}). Pure functions, so that every code is tested without a container.
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
