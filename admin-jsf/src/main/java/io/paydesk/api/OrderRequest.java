package io.paydesk.api;

import io.paydesk.payment.entity.Delivery;
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

  @Schema(
      description =
          "Where to deliver it (optional: virtual goods and pickups have none). The phone is shown"
              + " whole only on the order's page and ticket, masked in lists, and kept out of logs"
              + " and ERP events")
  @Valid
  public DeliveryDetails delivery;

  /**
   * The delivery details. Messages come from ValidationMessages*.properties, in the caller's
   * language (Accept-Language: zh-CN or English); the limits are {@link Delivery}'s own.
   */
  @Schema(name = "Delivery")
  public static class DeliveryDetails {
    @Schema(description = "The recipient's name", example = "张三")
    @NotBlank(message = "{paydesk.delivery.recipientName.required}")
    @Size(max = Delivery.MAX_NAME, message = "{paydesk.delivery.recipientName.size}")
    public String recipientName;

    @Schema(
        description = "A mainland mobile (13800138000, +86 allowed) or landline (010-12345678)",
        example = "13800138000")
    @NotBlank(message = "{paydesk.delivery.phone.required}")
    @Pattern(regexp = Delivery.PHONE, message = "{paydesk.delivery.phone.pattern}")
    public String phone;

    @Schema(example = "广东省")
    @NotBlank(message = "{paydesk.delivery.province.required}")
    @Size(max = Delivery.MAX_REGION, message = "{paydesk.delivery.province.size}")
    public String province;

    @Schema(example = "深圳市")
    @NotBlank(message = "{paydesk.delivery.city.required}")
    @Size(max = Delivery.MAX_REGION, message = "{paydesk.delivery.city.size}")
    public String city;

    @Schema(example = "南山区")
    @NotBlank(message = "{paydesk.delivery.district.required}")
    @Size(max = Delivery.MAX_REGION, message = "{paydesk.delivery.district.size}")
    public String district;

    @Schema(description = "Street, building and room", example = "科技园路 1 号 2 栋 301")
    @NotBlank(message = "{paydesk.delivery.street.required}")
    @Size(max = Delivery.MAX_STREET, message = "{paydesk.delivery.street.size}")
    public String street;

    @Schema(description = "The buyer's note (optional)", example = "请放门卫")
    @Size(max = Delivery.MAX_NOTE, message = "{paydesk.delivery.note.size}")
    public String note;

    Delivery toDelivery() {
      return new Delivery(recipientName, phone, province, city, district, street, note);
    }
  }

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
    return new NewOrder(
        orderNo,
        openid,
        amount,
        description,
        expiresAt,
        lines,
        delivery == null ? null : delivery.toDelivery());
  }
}
