package io.paydesk.gateway.entity;

/** What WeChat answered when asked about a refund (refund query), in PayDesk's terms. */
public sealed interface RefundFinding
    permits RefundFinding.Found, RefundFinding.NotAtWeChat, RefundFinding.Unknown {

  /** WeChat knows the refund. */
  record Found(RefundReport report) implements RefundFinding {}

  /** WeChat has no refund with this out_refund_no. */
  record NotAtWeChat() implements RefundFinding {}

  /** No answer that settles it: ask again later. */
  record Unknown(String reason) implements RefundFinding {}
}
