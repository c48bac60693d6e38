package io.paydesk.erp.notices.entity;

/**
 * A channel's answer to one notice, in PayDesk's terms: taken ({@link Sent}, with the channel's id
 * for it, if any), to be tried again later ({@link Retry}: no answer, HTTP 5xx, rate limited, not
 * configured yet), or refused as it is ({@link Refused}). Each carries a short account for the
 * order page and the log; never a key or a signature.
 */
public sealed interface SendOutcome {

  String answer();

  record Sent(String externalId, String answer) implements SendOutcome {}

  record Retry(String answer) implements SendOutcome {}

  record Refused(String answer) implements SendOutcome {}
}
