package io.paydesk.payment.entity;

import io.paydesk.platform.audit.entity.StatusHistory;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One try at getting an order paid through WeChat: one {@code out_trade_no}, and at most one
 * prepay_id. Lifecycle in {@link AttemptStatus}: NEW until WeChat answers the unified order, OPEN
 * while the buyer can pay, then PAID or CLOSED, as WeChat says — never by a local guess.
 */
@Entity
@Table(name = "payment_attempt")
@NamedQuery(
    name = PaymentAttempt.BY_OUT_TRADE_NO,
    query = "SELECT a FROM PaymentAttempt a WHERE a.outTradeNo = :outTradeNo")
// the order of an attempt, found and locked in one statement (a notification's first)
@NamedQuery(
    name = PaymentAttempt.ORDER_OF,
    query =
        "SELECT o FROM Order o WHERE o.id ="
            + " (SELECT a.order.id FROM PaymentAttempt a WHERE a.outTradeNo = :outTradeNo)")
@NamedQuery(
    name = PaymentAttempt.DUE,
    query =
        "SELECT a.outTradeNo FROM PaymentAttempt a WHERE a.status IN :pending"
            + " AND a.nextCheckAt <= :now ORDER BY a.nextCheckAt")
public class PaymentAttempt {

  public static final String BY_OUT_TRADE_NO = "PaymentAttempt.byOutTradeNo";
  public static final String DUE = "PaymentAttempt.due";
  public static final String ORDER_OF = "PaymentAttempt.orderOf";

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "payment_attempt_seq")
  @SequenceGenerator(
      name = "payment_attempt_seq",
      sequenceName = "payment_attempt_seq",
      allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "order_id", updatable = false)
  private Order order;

  @Column(name = "out_trade_no", nullable = false, unique = true, length = 32, updatable = false)
  private String outTradeNo;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private AttemptStatus status;

  @Column(name = "amount_fen", nullable = false, updatable = false)
  private long amount;

  /** The buyer's IP sent as spbill_create_ip: kept, so a retry sends the same parameters. */
  @Column(name = "client_ip", nullable = false, length = 45, updatable = false)
  private String clientIp;

  @Column(name = "prepay_id", length = 64)
  private String prepayId;

  @Column(name = "prepay_expires_at")
  private OffsetDateTime prepayExpiresAt;

  @Column(name = "transaction_id", length = 32, unique = true)
  private String transactionId;

  @Column(name = "paid_at")
  private OffsetDateTime paidAt;

  @Column(name = "created_at", nullable = false, updatable = false)
  private OffsetDateTime createdAt;

  @Column(name = "next_check_at")
  private OffsetDateTime nextCheckAt;

  @Column(nullable = false)
  private int checks;

  @Column(name = "last_outcome", length = 128)
  private String lastOutcome;

  @Version private long version;

  protected PaymentAttempt() {}

  PaymentAttempt(Order order, String outTradeNo, String clientIp, Instant now) {
    this.order = Objects.requireNonNull(order, "order");
    this.outTradeNo = Objects.requireNonNull(outTradeNo, "outTradeNo");
    this.clientIp = Objects.requireNonNull(clientIp, "clientIp");
    this.amount = order.amount();
    this.status = AttemptStatus.NEW;
    this.createdAt = utc(now);
  }

  /** WeChat handed out a prepay_id, valid until {@code expiresAt}. */
  public void opened(String prepayId, Instant expiresAt) {
    if (status == AttemptStatus.OPEN && Objects.equals(this.prepayId, prepayId)) {
      return;
    }
    move(AttemptStatus.OPEN);
    this.prepayId = Objects.requireNonNull(prepayId, "prepayId");
    this.prepayExpiresAt = utc(expiresAt);
  }

  /**
   * WeChat says this attempt is paid. Answers false when it already knew (the same transaction:
   * nothing changes); refuses a second, different transaction for the same out_trade_no.
   */
  public boolean paid(String transactionId, Instant paidAt) {
    Objects.requireNonNull(transactionId, "transactionId");
    if (status == AttemptStatus.PAID) {
      if (transactionId.equals(this.transactionId)) {
        return false;
      }
      throw new PayDeskException(
          ErrorCode.PAYMENT_MISMATCH,
          "attempt " + outTradeNo + " is paid by " + this.transactionId + ", not " + transactionId);
    }
    move(AttemptStatus.PAID);
    this.transactionId = transactionId;
    this.paidAt = utc(paidAt);
    this.nextCheckAt = null;
    return true;
  }

  /** WeChat says this attempt can no longer be paid. */
  public void closed(String why) {
    if (status == AttemptStatus.CLOSED) {
      return;
    }
    move(AttemptStatus.CLOSED);
    this.lastOutcome = truncate(why);
    this.nextCheckAt = null;
  }

  /** Records what the last check learned and when to ask WeChat again. */
  public void checkAgainAt(Instant at, String outcome) {
    this.checks++;
    this.lastOutcome = truncate(outcome);
    this.nextCheckAt = at == null ? null : utc(at);
  }

  /** Whether its prepay_id can still be handed to the buyer for at least {@code margin}. */
  public boolean prepayUsable(Instant now, java.time.Duration margin) {
    return status == AttemptStatus.OPEN
        && prepayExpiresAt != null
        && prepayExpiresAt.toInstant().isAfter(now.plus(margin));
  }

  private void move(AttemptStatus target) {
    if (!status.canMoveTo(target)) {
      throw new PayDeskException(
          ErrorCode.ILLEGAL_TRANSITION,
          "payment attempt " + outTradeNo + " is " + status + " and cannot become " + target);
    }
    status = target;
  }

  private static String truncate(String text) {
    return StatusHistory.fit(text, 128);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  public Order order() {
    return order;
  }

  public String outTradeNo() {
    return outTradeNo;
  }

  public AttemptStatus status() {
    return status;
  }

  public long amount() {
    return amount;
  }

  public String clientIp() {
    return clientIp;
  }

  public String prepayId() {
    return prepayId;
  }

  public String transactionId() {
    return transactionId;
  }

  public Instant paidAt() {
    return paidAt == null ? null : paidAt.toInstant();
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant nextCheckAt() {
    return nextCheckAt == null ? null : nextCheckAt.toInstant();
  }

  public int checks() {
    return checks;
  }

  public String lastOutcome() {
    return lastOutcome;
  }
}
