package io.paydesk.payment.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One line of an order as the shop sent it: what, how many, at what unit price (fen). */
@Embeddable
public class OrderItem {

  public static final int MAX_SKU = 64;
  public static final int MAX_NAME = 128;

  @Column(name = "line_no", nullable = false)
  private int lineNo;

  @Column(nullable = false, length = 64)
  private String sku;

  @Column(nullable = false, length = 128)
  private String name;

  @Column(nullable = false)
  private int quantity;

  @Column(name = "unit_price_fen", nullable = false)
  private long unitPrice;

  protected OrderItem() {}

  OrderItem(int lineNo, NewOrder.Item item) {
    if (item.sku() == null || item.sku().isBlank() || item.sku().length() > MAX_SKU) {
      throw invalid("item sku is required (at most " + MAX_SKU + " characters)");
    }
    if (item.name() == null || item.name().isBlank() || item.name().length() > MAX_NAME) {
      throw invalid("item name is required (at most " + MAX_NAME + " characters)");
    }
    if (item.quantity() <= 0) {
      throw invalid("item quantity must be positive");
    }
    if (item.unitPrice() < 0) {
      throw invalid("item unitPrice is fen, zero or more");
    }
    this.lineNo = lineNo;
    this.sku = item.sku();
    this.name = item.name();
    this.quantity = item.quantity();
    this.unitPrice = item.unitPrice();
  }

  private static PayDeskException invalid(String detail) {
    return new PayDeskException(ErrorCode.INVALID_REQUEST, detail);
  }

  public NewOrder.Item toItem() {
    return new NewOrder.Item(sku, name, quantity, unitPrice);
  }

  public int lineNo() {
    return lineNo;
  }
}
