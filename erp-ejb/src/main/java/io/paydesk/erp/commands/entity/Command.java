package io.paydesk.erp.commands.entity;

import java.time.Instant;
import java.util.List;

/**
 * A command from the ERP, as parsed from its message. Its {@code commandId} is the ERP's
 * idempotency key: the same id again gets the same reply and changes nothing. The boundary methods
 * the commands reach check the business rules again, as they do for the REST API.
 */
public sealed interface Command {

  String commandId();

  CommandType type();

  /** Creates an order (the shop's order number is the ERP's {@code orderNo}). */
  record CreateOrder(
      String commandId,
      String orderNo,
      String openid,
      long amount,
      String description,
      Instant expiresAt,
      List<Item> items,
      Delivery delivery)
      implements Command {
    public CreateOrder {
      items = items == null ? List.of() : List.copyOf(items);
    }

    @Override
    public CommandType type() {
      return CommandType.CREATE_ORDER;
    }
  }

  /** One item line of an order: what, how many, at what unit price in fen. */
  record Item(String sku, String name, int quantity, long unitPrice) {}

  /** Where an order goes (optional); checked by the order's own rules when it is created. */
  record Delivery(
      String recipientName,
      String phone,
      String province,
      String city,
      String district,
      String street,
      String note) {
    /** For log lines and dead-letter reasons: never the name, the phone or the street. */
    @Override
    public String toString() {
      return "Delivery[" + province + " " + city + " " + district + "]";
    }
  }

  /** Asks for a refund of a paid order; {@code requestId} defaults to the command id. */
  record RequestRefund(
      String commandId, String orderNo, long amount, String reason, String requestId)
      implements Command {
    @Override
    public CommandType type() {
      return CommandType.REQUEST_REFUND;
    }
  }

  /** Approves a refund as the ERP (only when paydesk.refund.erp-approval allows it). */
  record ApproveRefund(String commandId, String outRefundNo) implements Command {
    @Override
    public CommandType type() {
      return CommandType.APPROVE_REFUND;
    }
  }

  /** Marks a paid order shipped. */
  record ShipOrder(
      String commandId,
      String orderNo,
      String carrier,
      String trackingNo,
      String method,
      String expressCompany)
      implements Command {
    /** An express shipment, its company known by the carrier's name. */
    public ShipOrder(String commandId, String orderNo, String carrier, String trackingNo) {
      this(commandId, orderNo, carrier, trackingNo, null, null);
    }

    @Override
    public CommandType type() {
      return CommandType.SHIP_ORDER;
    }
  }

  /** Closes an unpaid order that no payment attempt can still pay. */
  record CloseOrder(String commandId, String orderNo, String reason) implements Command {
    @Override
    public CommandType type() {
      return CommandType.CLOSE_ORDER;
    }
  }
}
