package io.paydesk.payment.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A shop's order, paid through WeChat Pay.
 *
 * <p>Lifecycle: created by the shop (CREATED), paying once a payment attempt is open (PAYING), paid
 * when WeChat confirms (PAID), shipped (SHIPPED); an unpaid order past its expiry is closed
 * (CLOSED). Once WeChat confirms refunds of a paid order, it is PARTIALLY_REFUNDED or REFUNDED (all
 * of it). Every move is checked against {@link OrderStatus}'s table and leaves a history row.
 * Amounts are integer fen.
 */
@Entity
@Table(name = "orders")
@NamedQuery(name = Order.BY_ORDER_NO, query = "SELECT o FROM Order o WHERE o.orderNo = :orderNo")
@NamedQuery(
    name = Order.EXPIRED_UNPAID,
    query =
        "SELECT o.orderNo FROM Order o WHERE o.status IN :open AND o.expiresAt <= :now"
            + " ORDER BY o.expiresAt")
public class Order {

  public static final String BY_ORDER_NO = "Order.byOrderNo";
  public static final String EXPIRED_UNPAID = "Order.expiredUnpaid";

  // The order rules, declared once: create() enforces them, and the shop API's Bean Validation
  // (OrderRequest) and the ERP command parser check the same constants before they get here.

  /** The characters of an orderNo, the shop's order number. */
  public static final String ORDER_NO_CHARACTERS = "[0-9A-Za-z_-]";

  public static final int MAX_ORDER_NO = 32;

  /** A whole orderNo: 1 to {@value #MAX_ORDER_NO} of {@link #ORDER_NO_CHARACTERS}. */
  public static final String ORDER_NO_PATTERN = ORDER_NO_CHARACTERS + "{1," + MAX_ORDER_NO + "}";

  public static final int MAX_OPENID = 128;

  /** In fen: 100,000,000 yuan. */
  public static final long MAX_AMOUNT = 10_000_000_000L;

  /** WeChat's limit for {@code body}, in UTF-8 bytes. */
  public static final int MAX_DESCRIPTION_BYTES = 128;

  public static final int MAX_ITEMS = 100;

  private static final Pattern ORDER_NO = Pattern.compile(ORDER_NO_PATTERN);

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "orders_seq")
  @SequenceGenerator(name = "orders_seq", sequenceName = "orders_seq", allocationSize = 50)
  private Long id;

  @Column(name = "order_no", nullable = false, unique = true, length = 32, updatable = false)
  private String orderNo;

  @Column(nullable = false, length = 128, updatable = false)
  private String openid;

  /**
   * The merchant the order is paid to (its mch_id), fixed at creation. Null only for an order made
   * while no merchant was configured: the first merchant's, backfilled at start.
   */
  @Column(name = "mch_id", length = 32, updatable = false)
  private String mchId;

  @Column(name = "amount_fen", nullable = false, updatable = false)
  private long amount;

  @Column(nullable = false, length = 128, updatable = false)
  private String description;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32)
  private OrderStatus status;

  @Column(name = "created_at", nullable = false, updatable = false)
  private OffsetDateTime createdAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private OffsetDateTime expiresAt;

  @Column(name = "paid_at")
  private OffsetDateTime paidAt;

  @Column(length = 64)
  private String carrier;

  @Column(name = "tracking_no", length = 64)
  private String trackingNo;

  @Column(name = "shipped_at")
  private OffsetDateTime shippedAt;

  // Delivery details (a Delivery value, null columns when the order has none)
  @Column(name = "delivery_name", length = 32, updatable = false)
  private String deliveryName;

  @Column(name = "delivery_phone", length = 20, updatable = false)
  private String deliveryPhone;

  @Column(name = "delivery_province", length = 32, updatable = false)
  private String deliveryProvince;

  @Column(name = "delivery_city", length = 32, updatable = false)
  private String deliveryCity;

  @Column(name = "delivery_district", length = 32, updatable = false)
  private String deliveryDistrict;

  @Column(name = "delivery_street", length = 128, updatable = false)
  private String deliveryStreet;

  @Column(name = "delivery_note", length = 200, updatable = false)
  private String deliveryNote;

  /** The sum of the refunds WeChat has confirmed, in fen. */
  @Column(name = "refunded_fen", nullable = false)
  private long refundedAmount;

  @Version private long version;

  @OneToMany(mappedBy = "order", cascade = CascadeType.PERSIST)
  @OrderBy("id")
  private List<OrderHistory> history = new ArrayList<>();

  @OneToMany(mappedBy = "order", cascade = CascadeType.PERSIST)
  @OrderBy("id")
  private List<PaymentAttempt> attempts = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "order_item", joinColumns = @JoinColumn(name = "order_id"))
  @OrderBy("lineNo")
  private List<OrderItem> items = new ArrayList<>();

  protected Order() {}

  private Order(NewOrder spec, Instant now, Instant expiresAt) {
    this.orderNo = spec.orderNo();
    this.openid = spec.openid();
    this.amount = spec.amount();
    this.description = spec.description();
    this.createdAt = now.atOffset(ZoneOffset.UTC);
    this.expiresAt = expiresAt.atOffset(ZoneOffset.UTC);
    Delivery delivery = spec.delivery();
    if (delivery != null) {
      this.deliveryName = delivery.recipientName();
      this.deliveryPhone = delivery.phone();
      this.deliveryProvince = delivery.province();
      this.deliveryCity = delivery.city();
      this.deliveryDistrict = delivery.district();
      this.deliveryStreet = delivery.street();
      this.deliveryNote = delivery.note();
    }
  }

  /**
   * A new order in CREATED, with its first history row.
   *
   * @param defaultExpiry used when the shop gave no expiry
   */
  public static Order create(NewOrder spec, String actor, Instant now, Instant defaultExpiry) {
    return create(spec, null, actor, now, defaultExpiry);
  }

  /**
   * A new order of merchant {@code mchId} in CREATED, with its first history row.
   *
   * @param mchId the merchant's mch_id, or null while no merchant is configured
   */
  public static Order create(
      NewOrder spec, String mchId, String actor, Instant now, Instant defaultExpiry) {
    Objects.requireNonNull(spec, "spec");
    if (spec.orderNo() == null || !ORDER_NO.matcher(spec.orderNo()).matches()) {
      throw invalid("orderNo is 1 to " + MAX_ORDER_NO + " letters, digits, '_' or '-'");
    }
    if (spec.openid() == null || spec.openid().isBlank() || spec.openid().length() > MAX_OPENID) {
      throw invalid("openid is required (at most " + MAX_OPENID + " characters)");
    }
    if (spec.amount() == null || spec.amount() <= 0 || spec.amount() > MAX_AMOUNT) {
      throw invalid("amount is a positive number of fen, at most " + MAX_AMOUNT);
    }
    if (spec.description() == null
        || spec.description().isBlank()
        || spec.description().getBytes(StandardCharsets.UTF_8).length > MAX_DESCRIPTION_BYTES) {
      throw invalid(
          "description is required, at most " + MAX_DESCRIPTION_BYTES + " bytes in UTF-8");
    }
    Instant expiry = spec.expiresAt() != null ? spec.expiresAt() : defaultExpiry;
    if (!expiry.isAfter(now.plusSeconds(60))) {
      throw invalid("expiresAt must be at least one minute in the future");
    }
    if (spec.items().size() > MAX_ITEMS) {
      throw invalid("an order has at most " + MAX_ITEMS + " item lines");
    }
    Order order = new Order(spec, now, expiry);
    order.mchId = mchId;
    for (int i = 0; i < spec.items().size(); i++) {
      order.items.add(new OrderItem(i + 1, spec.items().get(i)));
    }
    order.record(new Transition(null, OrderStatus.CREATED, actor, "created", now));
    return order;
  }

  /**
   * Whether a repeated request describes this same order. The expiry counts only when the request
   * names one: the default is PayDesk's, not the shop's.
   */
  public boolean matches(NewOrder spec) {
    return orderNo.equals(spec.orderNo())
        && openid.equals(spec.openid())
        && spec.amount() != null
        && amount == spec.amount()
        && description.equals(spec.description())
        && (spec.expiresAt() == null || expiresAt().equals(spec.expiresAt()))
        && items().equals(spec.items())
        && Objects.equals(delivery(), spec.delivery());
  }

  /**
   * Opens a new payment attempt under {@code outTradeNo}: CREATED or PAYING becomes PAYING. The
   * caller checks first that no earlier attempt can still be paid.
   */
  public PaymentAttempt newAttempt(String outTradeNo, String clientIp, String actor, Instant now) {
    if (isExpired(now)) {
      throw new PayDeskException(ErrorCode.ORDER_CLOSED, "order " + orderNo + " has expired");
    }
    moveTo(OrderStatus.PAYING, actor, "payment attempt " + outTradeNo, now);
    PaymentAttempt attempt = new PaymentAttempt(this, outTradeNo, clientIp, now);
    attempts.add(attempt);
    return attempt;
  }

  /**
   * WeChat confirmed {@code attempt} paid. Answers false when nothing changed: the same payment
   * again (a repeated notification). A payment of an order that is no longer waiting for one (a
   * second attempt paid, or paid after it was closed) is recorded on its attempt and in the
   * history, and the order stays as it was: someone must refund it.
   */
  public boolean markPaid(
      PaymentAttempt attempt, String transactionId, Instant paidAt, Transition.Source source) {
    if (attempt.order() != this) {
      throw new IllegalArgumentException("attempt of another order");
    }
    if (!attempt.paid(transactionId, paidAt)) {
      return false;
    }
    if (status == OrderStatus.PAYING) {
      this.paidAt = paidAt.atOffset(ZoneOffset.UTC);
      moveTo(
          OrderStatus.PAID,
          source.actor(),
          "paid " + transactionId + " via " + source,
          source.at());
      return true;
    }
    record(
        new Transition(
            status,
            status,
            source.actor(),
            "UNEXPECTED PAYMENT "
                + transactionId
                + " on "
                + attempt.outTradeNo()
                + " while the order is "
                + status
                + ": refund it",
            source.at()));
    return true;
  }

  /** Closes an unpaid order; every attempt must be closed at WeChat first. */
  public void close(String actor, String reason, Instant now) {
    if (attempts.stream().anyMatch(a -> a.status() != AttemptStatus.CLOSED)) {
      throw new PayDeskException(
          ErrorCode.ILLEGAL_TRANSITION, "order " + orderNo + " has attempts not closed at WeChat");
    }
    moveTo(OrderStatus.CLOSED, actor, reason, now);
  }

  /** Hands a paid order to the carrier. Answers false when it was already shipped the same way. */
  public boolean ship(Shipment shipment, String actor, Instant now) {
    if (status == OrderStatus.SHIPPED) {
      if (shipment.carrier().equals(carrier) && shipment.trackingNo().equals(trackingNo)) {
        return false;
      }
      throw new PayDeskException(
          ErrorCode.SHIPMENT_CONFLICT,
          "order " + orderNo + " was shipped with " + carrier + " " + trackingNo);
    }
    moveTo(OrderStatus.SHIPPED, actor, shipment.carrier() + " " + shipment.trackingNo(), now);
    this.carrier = shipment.carrier();
    this.trackingNo = shipment.trackingNo();
    this.shippedAt = now.atOffset(ZoneOffset.UTC);
    return true;
  }

  /**
   * WeChat confirmed a refund of {@code refundAmount} fen ({@code outRefundNo}): the order becomes
   * REFUNDED when nothing of the amount paid is left, PARTIALLY_REFUNDED otherwise. The caller (the
   * refund, under its own lock) makes sure each refund is counted once.
   */
  public void refunded(String outRefundNo, long refundAmount, String actor, Instant now) {
    if (refundAmount <= 0 || refundAmount > amount - refundedAmount) {
      throw new PayDeskException(
          ErrorCode.REFUND_EXCEEDS_PAID,
          "order "
              + orderNo
              + " has "
              + (amount - refundedAmount)
              + " fen left to refund, not "
              + refundAmount);
    }
    refundedAmount += refundAmount;
    OrderStatus target =
        refundedAmount == amount ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
    moveTo(target, actor, "refund " + outRefundNo + " of " + refundAmount + " fen", now);
  }

  /** The attempt that paid this order (the first one WeChat confirmed), if it is paid. */
  public Optional<PaymentAttempt> payment() {
    return attempts.stream()
        .filter(a -> a.status() == AttemptStatus.PAID && a.paidAt() != null)
        .min(Comparator.comparing(PaymentAttempt::paidAt));
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt.toInstant());
  }

  private void moveTo(OrderStatus target, String actor, String reason, Instant now) {
    if (!status.canMoveTo(target)) {
      throw new PayDeskException(
          ErrorCode.ILLEGAL_TRANSITION,
          "order " + orderNo + " is " + status + " and cannot become " + target);
    }
    record(new Transition(status, target, actor, reason, now));
  }

  private void record(Transition transition) {
    history.add(new OrderHistory(this, transition));
    status = transition.to();
  }

  private static PayDeskException invalid(String detail) {
    return new PayDeskException(ErrorCode.INVALID_REQUEST, detail);
  }

  public String orderNo() {
    return orderNo;
  }

  /** The merchant's mch_id; null only before the first merchant is known (see the field). */
  public String mchId() {
    return mchId;
  }

  public String openid() {
    return openid;
  }

  public long amount() {
    return amount;
  }

  public String description() {
    return description;
  }

  public OrderStatus status() {
    return status;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant expiresAt() {
    return expiresAt.toInstant();
  }

  public List<OrderHistory> history() {
    return Collections.unmodifiableList(history);
  }

  /** The item lines, as the shop sent them. */
  public List<NewOrder.Item> items() {
    return items.stream().map(OrderItem::toItem).toList();
  }

  public List<PaymentAttempt> attempts() {
    return Collections.unmodifiableList(attempts);
  }

  public Instant paidAt() {
    return paidAt == null ? null : paidAt.toInstant();
  }

  public String carrier() {
    return carrier;
  }

  public String trackingNo() {
    return trackingNo;
  }

  public Instant shippedAt() {
    return shippedAt == null ? null : shippedAt.toInstant();
  }

  /** Where the order goes, or null when the shop gave no delivery details. */
  public Delivery delivery() {
    return deliveryName == null
        ? null
        : new Delivery(
            deliveryName,
            deliveryPhone,
            deliveryProvince,
            deliveryCity,
            deliveryDistrict,
            deliveryStreet,
            deliveryNote);
  }

  public long refundedAmount() {
    return refundedAmount;
  }
}
