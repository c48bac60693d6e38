package io.paydesk.api;

import io.paydesk.payment.entity.NewOrder;
import io.paydesk.payment.entity.Order;
import io.paydesk.payment.entity.OrderItem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/orders}. Amounts are fen. The limits are {@link Order}'s own
 * (checked here first for a clear 400 naming every bad field).
 */
@Schema(name = "OrderRequest", description = "A new order from the shop; repeat it safely")
public class OrderRequest {

  @Schema(description = "The shop's order number: its idempotency key", example = "SO20261128001")
  @NotBlank(message = "orderNo is required")
  @Size(max = Order.MAX_ORDER_NO, message = "orderNo has at most {max} characters")
  @Pattern(
      regexp = Order.ORDER_NO_CHARACTERS + "*",
      message = "orderNo may contain letters, digits, '_' and '-'")
  public String orderNo;

  @Schema(description = "The buyer's openid under the mini-program's appid")
  @NotBlank(message = "openid is required")
  @Size(max = Order.MAX_OPENID, message = "openid has at most {max} characters")
  public String openid;

  @Schema(description = "Amount to pay, in fen", example = "1999")
  @NotNull(message = "amount is required (in fen)")
  @Positive(message = "amount must be a positive number of fen")
  @Max(value = Order.MAX_AMOUNT, message = "amount is at most 100,000,000 yuan")
  public Long amount;

  @Schema(description = "What the buyer sees in WeChat (at most 128 bytes in UTF-8)")
  @NotBlank(message = "description is required")
  @Size(max = Order.MAX_DESCRIPTION_BYTES, message = "description has at most {max} characters")
  public String description;

  @Schema(description = "When an unpaid order closes; default: two hours after creation")
  public Instant expiresAt;

  @Schema(description = "What was ordered (optional)")
  @Size(max = Order.MAX_ITEMS, message = "an order has at most {max} item lines")
  public List<@Valid @NotNull(message = "an item line cannot be null") Item> items;

  /** One item line. */
  @Schema(name = "OrderItem")
  public static class Item {
    @NotBlank(message = "item sku is required")
    @Size(max = OrderItem.MAX_SKU, message = "item sku has at most {max} characters")
    public String sku;

    @NotBlank(message = "item name is required")
    @Size(max = OrderItem.MAX_NAME, message = "item name has at most {max} characters")
    public String name;

    @Positive(message = "item quantity must be positive")
    public int quantity;

    @Schema(description = "Unit price in fen")
    @PositiveOrZero(message = "item unitPrice is fen, zero or more")
    public long unitPrice;
  }

  NewOrder toNewOrder() {
    List<NewOrder.Item> lines =
        items == null
            ? List.of()
            : items.stream()
                .map(i -> new NewOrder.Item(i.sku, i.name, i.quantity, i.unitPrice))
                .toList();
    return new NewOrder(orderNo, openid, amount, description, expiresAt, lines);
  }
}
