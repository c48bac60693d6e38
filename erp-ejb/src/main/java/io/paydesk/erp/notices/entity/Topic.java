package io.paydesk.erp.notices.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a staff notice tells of. The alert topics are switched on one by one by their {@link
 * #configName()} in {@code paydesk.alerts.wecom.events}; {@link #TICKET} is a printed ticket.
 */
public enum Topic {
  ORDER_PAID("order-paid"),
  REFUND_PENDING("refund-pending"),
  REFUND_FAILED("refund-failed"),
  RECONCILIATION_DISCREPANCY("reconciliation-discrepancy"),
  TICKET("ticket");

  private final String configName;

  Topic(String configName) {
    this.configName = configName;
  }

  /** The topic's name in configuration, e.g. {@code refund-failed}. */
  public String configName() {
    return configName;
  }

  /** The alert topic with this configuration name, if any (never {@link #TICKET}). */
  public static Optional<Topic> alert(String configName) {
    return Arrays.stream(values())
        .filter(t -> t != TICKET && t.configName.equals(configName.strip()))
        .findFirst();
  }
}
