package io.paydesk.erp.commands.entity;

import java.util.Arrays;
import java.util.Optional;

/** The commands an ERP may send, by the name their {@code commandType} property carries. */
public enum CommandType {
  CREATE_ORDER("CreateOrder"),
  REQUEST_REFUND("RequestRefund"),
  APPROVE_REFUND("ApproveRefund"),
  SHIP_ORDER("ShipOrder"),
  CLOSE_ORDER("CloseOrder");

  private final String wireName;

  CommandType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in messages and in docs/erp-contract.md. */
  public String wireName() {
    return wireName;
  }

  public static Optional<CommandType> ofWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
