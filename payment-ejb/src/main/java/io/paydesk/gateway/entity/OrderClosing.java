package io.paydesk.gateway.entity;

/** What WeChat answered to closing an order (closeorder), in PayDesk's terms. */
public sealed interface OrderClosing
    permits OrderClosing.Closed, OrderClosing.PaidAfterAll, OrderClosing.NotClosed {

  /** The out_trade_no can no longer be paid (closed now, closed before, or never at WeChat). */
  record Closed(String outcome) implements OrderClosing {}

  /** WeChat says it is paid (ORDERPAID): ask how it stands and mark it paid. */
  record PaidAfterAll() implements OrderClosing {}

  /** Not closed (a transient failure, no answer, a refusal): try again later. */
  record NotClosed(String outcome) implements OrderClosing {}
}
