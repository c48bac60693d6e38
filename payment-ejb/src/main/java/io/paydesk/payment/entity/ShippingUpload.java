package io.paydesk.payment.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The outbox row of a shipment's upload to WeChat's shipping-information service (小程序发货信息管理服务).
 * Written in the transaction that ships the order, with everything the upload needs, so that the
 * upload happens after the shipment commits and a WeChat outage only delays it: the uploader sends
 * PENDING rows when they are due and records WeChat's answer here. One row per order (its {@code
 * orderNo} is unique).
 *
 * <p>Lifecycle: PENDING until WeChat records it (UPLOADED) or refuses it as it is (FAILED);
 * transient trouble leaves it PENDING with its next attempt on the backoff. Moves follow {@link
 * UploadStatus}'s table. The buyer's phone is kept here only masked, as WeChat wants it.
 */
@Entity
@Table(name = "shipping_upload")
@NamedQuery(
    name = ShippingUpload.BY_ORDER_NO,
    query = "SELECT u FROM ShippingUpload u WHERE u.orderNo = :orderNo")
@NamedQuery(
    name = ShippingUpload.DUE,
    query =
        "SELECT u.orderNo FROM ShippingUpload u WHERE u.status = :pending AND u.nextAttemptAt <="
            + " :now ORDER BY u.nextAttemptAt")
public class ShippingUpload {

  public static final String BY_ORDER_NO = "ShippingUpload.byOrderNo";
  public static final String DUE = "ShippingUpload.due";

  /** WeChat's limit for item_desc: 120 characters. */
  public static final int MAX_ITEM_DESC = 120;

  static final int MAX_ERROR = 256;

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shipping_upload_seq")
  @SequenceGenerator(
      name = "shipping_upload_seq",
      sequenceName = "shipping_upload_seq",
      allocationSize = 50)
  private Long id;

  @Column(name = "order_no", nullable = false, unique = true, length = 32, updatable = false)
  private String orderNo;

  @Column(name = "out_trade_no", nullable = false, length = 32, updatable = false)
  private String outTradeNo;

  @Column(name = "transaction_id", length = 32, updatable = false)
  private String transactionId;

  @Column(nullable = false, length = 128, updatable = false)
  private String openid;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16, updatable = false)
  private Shipment.Method method;

  @Column(name = "express_company", length = 32, updatable = false)
  private String expressCompany;

  @Column(name = "tracking_no", nullable = false, length = 64, updatable = false)
  private String trackingNo;

  @Column(name = "item_desc", nullable = false, length = 120, updatable = false)
  private String itemDesc;

  @Column(name = "receiver_contact", length = 24, updatable = false)
  private String receiverContact;

  @Column(name = "shipped_at", nullable = false, updatable = false)
  private OffsetDateTime shippedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private UploadStatus status;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at")
  private OffsetDateTime nextAttemptAt;

  @Column(name = "last_error", length = 256)
  private String lastError;

  @Column(name = "uploaded_at")
  private OffsetDateTime uploadedAt;

  @Version private long version;

  protected ShippingUpload() {}

  /**
   * The upload of {@code order}'s shipment, due now. The order must be paid: WeChat knows the
   * payment by its out_trade_no and transaction id.
   */
  public static ShippingUpload of(Order order, Shipment shipment, Instant now) {
    PaymentAttempt payment =
        order
            .payment()
            .orElseThrow(
                () ->
                    new PayDeskException(
                        ErrorCode.ILLEGAL_TRANSITION,
                        "order " + order.orderNo() + " has no payment to ship"));
    ShippingUpload upload = new ShippingUpload();
    upload.orderNo = order.orderNo();
    upload.outTradeNo = payment.outTradeNo();
    upload.transactionId = payment.transactionId();
    upload.openid = order.openid();
    upload.method = shipment.method();
    upload.expressCompany = shipment.expressCompanyCode();
    upload.trackingNo = shipment.trackingNo();
    upload.itemDesc = itemDesc(order);
    Delivery delivery = order.delivery();
    upload.receiverContact = delivery == null ? null : delivery.maskedPhone();
    upload.shippedAt = now.atOffset(ZoneOffset.UTC);
    upload.status = UploadStatus.PENDING;
    upload.nextAttemptAt = upload.shippedAt;
    return upload;
  }

  /** WeChat recorded the shipment. */
  public void uploaded(Instant now) {
    moveTo(UploadStatus.UPLOADED);
    attempts++;
    lastError = null;
    nextAttemptAt = null;
    uploadedAt = now.atOffset(ZoneOffset.UTC);
  }

  /** Not uploaded this time (WeChat down, a timeout, a busy answer): again at {@code next}. */
  public void retryAt(Instant next, String why) {
    moveTo(UploadStatus.PENDING);
    attempts++;
    lastError = cut(why);
    nextAttemptAt = next.atOffset(ZoneOffset.UTC);
  }

  /** WeChat refused the upload as it is: it stops until staff send it again. */
  public void failed(String why) {
    moveTo(UploadStatus.FAILED);
    attempts++;
    lastError = cut(why);
    nextAttemptAt = null;
  }

  /** Staff send a failed upload again, now. */
  public void again(Instant now) {
    moveTo(UploadStatus.PENDING);
    nextAttemptAt = now.atOffset(ZoneOffset.UTC);
  }

  private void moveTo(UploadStatus target) {
    if (!status.canMoveTo(target)) {
      throw new PayDeskException(
          ErrorCode.ILLEGAL_TRANSITION,
          "the shipping upload of order " + orderNo + " is " + status + ", not " + target);
    }
    status = target;
  }

  /** "name*quantity" of each line, as WeChat's example; the description when there are none. */
  static String itemDesc(Order order) {
    String desc =
        order.items().isEmpty()
            ? order.description()
            : String.join(
                ", ", order.items().stream().map(i -> i.name() + "*" + i.quantity()).toList());
    return desc.length() <= MAX_ITEM_DESC ? desc : desc.substring(0, MAX_ITEM_DESC - 1) + "…";
  }

  private static String cut(String why) {
    if (why == null) {
      return null;
    }
    return why.length() <= MAX_ERROR ? why : why.substring(0, MAX_ERROR - 1) + "…";
  }

  public String orderNo() {
    return orderNo;
  }

  public String outTradeNo() {
    return outTradeNo;
  }

  public String transactionId() {
    return transactionId;
  }

  public String openid() {
    return openid;
  }

  public Shipment.Method method() {
    return method;
  }

  public String expressCompany() {
    return expressCompany;
  }

  public String trackingNo() {
    return trackingNo;
  }

  public String itemDesc() {
    return itemDesc;
  }

  public String receiverContact() {
    return receiverContact;
  }

  public Instant shippedAt() {
    return shippedAt.toInstant();
  }

  public UploadStatus status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public Instant nextAttemptAt() {
    return nextAttemptAt == null ? null : nextAttemptAt.toInstant();
  }

  public String lastError() {
    return lastError;
  }

  public Instant uploadedAt() {
    return uploadedAt == null ? null : uploadedAt.toInstant();
  }
}
