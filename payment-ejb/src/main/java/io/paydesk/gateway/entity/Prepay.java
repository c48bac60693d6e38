package io.paydesk.gateway.entity;

/** What WeChat answered to a unified order (a request for a prepay_id), in PayDesk's terms. */
public sealed interface Prepay
    permits Prepay.Issued, Prepay.AlreadyPaid, Prepay.Closed, Prepay.Refused, Prepay.Unavailable {

  /** WeChat handed out a prepay_id for the buyer to pay with. */
  record Issued(String prepayId) implements Prepay {}

  /** The out_trade_no is paid already: ask WeChat how it stands, then tell the shop. */
  record AlreadyPaid() implements Prepay {}

  /** WeChat closed this out_trade_no: the attempt is over, a new one may be opened. */
  record Closed(String outcome) implements Prepay {}

  /**
   * WeChat refuses the request as it is: the attempt is over.
   *
   * @param outcome for the attempt's record
   * @param message for the caller
   */
  record Refused(String outcome, String message) implements Prepay {}

  /**
   * A transient failure or no answer: the outcome is unknown, retry with the same request (same
   * out_trade_no).
   */
  record Unavailable(String message) implements Prepay {}
}
