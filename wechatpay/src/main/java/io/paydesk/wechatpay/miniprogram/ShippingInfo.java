package io.paydesk.wechatpay.miniprogram;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /wxa/sec/order/upload_shipping_info} (发货信息录入), one shipment of one
 * payment, sent whole (unified delivery, one parcel). Checked when made against the rules WeChat
 * states, so that a request WeChat would refuse for its form is refused here first.
 *
 * @param uploadTime when the information was entered; WeChat orders repeated uploads by it
 */
public record ShippingInfo(
    OrderKey orderKey,
    LogisticsType logisticsType,
    Parcel parcel,
    OffsetDateTime uploadTime,
    String payerOpenid) {

  /** WeChat's logistics_type. */
  public enum LogisticsType {
    /** 1: by an express company, with a tracking number. */
    EXPRESS(1),
    /** 2: by a same-city courier. */
    SAME_CITY(2),
    /** 3: virtual goods (top-ups, cards): nothing travels. */
    VIRTUAL(3),
    /** 4: the buyer collects it. */
    SELF_PICKUP(4);

    private final int code;

    LogisticsType(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    public static LogisticsType of(int code) {
      for (LogisticsType t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      throw new IllegalArgumentException("logistics_type is 1 to 4, not " + code);
    }
  }

  /** delivery_mode 1: one shipment for the whole order. */
  public static final int UNIFIED_DELIVERY = 1;

  /** WeChat's limits. */
  public static final int MAX_ITEM_DESC = 120;

  public static final int MAX_TRACKING_NO_BYTES = 128;

  /**
   * One parcel: tracking number and express company code (required for {@link
   * LogisticsType#EXPRESS}), what is in it, and for SF Express a contact, masked (the last four
   * digits in clear).
   */
  public record Parcel(
      String trackingNo, String expressCompany, String itemDesc, String receiverContact) {
    public Parcel {
      if (itemDesc == null || itemDesc.isBlank()) {
        throw new IllegalArgumentException("item_desc is required");
      }
      if (itemDesc.length() > MAX_ITEM_DESC) {
        throw new IllegalArgumentException("item_desc has at most 120 characters");
      }
      if (trackingNo != null
          && trackingNo.getBytes(StandardCharsets.UTF_8).length > MAX_TRACKING_NO_BYTES) {
        throw new IllegalArgumentException("tracking_no has at most 128 bytes");
      }
      if (receiverContact != null && receiverContact.replaceAll("[^0-9]", "").length() < 4) {
        throw new IllegalArgumentException("a contact keeps its last four digits in clear");
      }
    }
  }

  /** SF Express's code: WeChat requires a contact for its parcels. */
  public static final String SF_EXPRESS = "SF";

  public ShippingInfo {
    Objects.requireNonNull(orderKey, "orderKey");
    Objects.requireNonNull(logisticsType, "logisticsType");
    Objects.requireNonNull(parcel, "parcel");
    Objects.requireNonNull(uploadTime, "uploadTime");
    if (payerOpenid == null || payerOpenid.isBlank()) {
      throw new IllegalArgumentException("payer.openid is required");
    }
    if (logisticsType == LogisticsType.EXPRESS) {
      if (parcel.trackingNo() == null || parcel.trackingNo().isBlank()) {
        throw new IllegalArgumentException("tracking_no is required for an express shipment");
      }
      if (parcel.expressCompany() == null || parcel.expressCompany().isBlank()) {
        throw new IllegalArgumentException("express_company is required for an express shipment");
      }
      if (SF_EXPRESS.equals(parcel.expressCompany()) && parcel.receiverContact() == null) {
        throw new IllegalArgumentException("an SF Express parcel needs a contact");
      }
    }
  }

  /** The JSON body WeChat expects. */
  public Map<String, Object> toJson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("order_key", orderKey.toJson());
    body.put("logistics_type", logisticsType.code());
    body.put("delivery_mode", UNIFIED_DELIVERY);
    Map<String, Object> item = new LinkedHashMap<>();
    boolean express = logisticsType == LogisticsType.EXPRESS;
    item.put("tracking_no", express ? parcel.trackingNo() : null);
    item.put("express_company", express ? parcel.expressCompany() : null);
    item.put("item_desc", parcel.itemDesc());
    if (express && parcel.receiverContact() != null) {
      item.put("contact", Map.of("receiver_contact", parcel.receiverContact()));
    }
    body.put("shipping_list", List.of(item));
    body.put("upload_time", uploadTime.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    body.put("payer", Map.of("openid", payerOpenid));
    return body;
  }
}
