package io.paydesk.sandbox;

import java.util.EnumSet;
import java.util.Set;

/**
 * An order's state in the sandbox, with its allowed transitions in one place. {@code REFUND} is not
 * stored: orderquery reports it for a paid order that has refunds.
 */
enum TradeStatus {
  NOTPAY,
  /** The buyer's payment failed; the buyer may try again. */
  PAYERROR,
  SUCCESS,
  CLOSED;

  Set<TradeStatus> next() {
    return switch (this) {
      case NOTPAY -> EnumSet.of(SUCCESS, PAYERROR, CLOSED);
      case PAYERROR -> EnumSet.of(SUCCESS, CLOSED);
      case SUCCESS, CLOSED -> EnumSet.noneOf(TradeStatus.class);
    };
  }

  boolean canBecome(TradeStatus target) {
    return next().contains(target);
  }
}
