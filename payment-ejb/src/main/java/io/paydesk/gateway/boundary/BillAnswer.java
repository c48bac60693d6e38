package io.paydesk.gateway.boundary;

/** What asking WeChat for a day's bill gives, in PayDesk's terms. */
public sealed interface BillAnswer {

  /** The bill, to be read line by line and closed. */
  record Ready(BillLines lines) implements BillAnswer {}

  /** "No Bill Exist": a day without trades, zero lines. */
  record NoBill() implements BillAnswer {}

  /** Not generated yet, unreadable or no answer: ask again later. */
  record NotReady(String why) implements BillAnswer {}

  /** WeChat refuses the request itself (a date it does not serve): asking again will not help. */
  record Failed(String why) implements BillAnswer {}
}
