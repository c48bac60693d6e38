package io.paydesk.refund.control;

import java.util.Locale;

/**
 * What to do when WeChat answers NOTENOUGH (the unsettled funds cannot cover a refund), from {@code
 * paydesk.refund.notenough}.
 */
public enum NotEnoughPolicy {
  /** {@code recharge-funds}: send it once more from the available balance, same out_refund_no. */
  RECHARGE_FUNDS,
  /** {@code stop}: the refund fails with the reason and what staff can do. */
  STOP;

  public static NotEnoughPolicy parse(String setting) {
    return switch (setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT)) {
      case "recharge-funds" -> RECHARGE_FUNDS;
      case "stop" -> STOP;
      default ->
          throw new IllegalArgumentException(
              "paydesk.refund.notenough is recharge-funds or stop, not " + setting);
    };
  }
}
