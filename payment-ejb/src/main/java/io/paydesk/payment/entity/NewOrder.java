package io.paydesk.payment.entity;

import java.time.Instant;
import java.util.List;

/**
 * What a shop asks for when it creates an order. {@code orderNo} is the shop's own order number and
 * its idempotency key; {@code expiresAt} is optional (PayDesk's default time to pay applies), and
 * so is {@code delivery} (where to send it). {@link Order#create} decides whether it is acceptable.
 */
public record NewOrder(
    String orderNo,
    String openid,
    Long amount,
    String description,
    Instant expiresAt,
    List<Item> items,
    Delivery delivery) {

  public NewOrder {
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** An order without delivery details (virtual goods, or collected in the shop). */
  public NewOrder(
      String orderNo,
      String openid,
      Long amount,
      String description,
      Instant expiresAt,
      List<Item> items) {
    this(orderNo, openid, amount, description, expiresAt, items, null);
  }

  /** An order without item lines. */
  public NewOrder(
      String orderNo, String openid, Long amount, String description, Instant expiresAt) {
    this(orderNo, openid, amount, description, expiresAt, List.of(), null);
  }

  /** One line: what, how many, at what unit price in fen. */
  public record Item(String sku, String name, int quantity, long unitPrice) {}
}
