package io.paydesk.payment.entity;

import io.paydesk.platform.audit.entity.StatusHistory;
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
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One change of an order: who, when, from which status to which, and why. Never updated. Its
 * columns follow {@link StatusHistory}, as a refund's history does.
 */
@Entity
@Table(name = "order_history")
public class OrderHistory {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_history_seq")
  @SequenceGenerator(
      name = "order_history_seq",
      sequenceName = "order_history_seq",
      allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "order_id", updatable = false)
  private Order order;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_status", length = StatusHistory.MAX_STATUS, updatable = false)
  private OrderStatus fromStatus;

  @Enumerated(EnumType.STRING)
  @Column(
      name = "to_status",
      nullable = false,
      length = StatusHistory.MAX_STATUS,
      updatable = false)
  private OrderStatus toStatus;

  @Column(nullable = false, length = StatusHistory.MAX_ACTOR, updatable = false)
  private String actor;

  @Column(length = StatusHistory.MAX_REASON, updatable = false)
  private String reason;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private OffsetDateTime occurredAt;

  protected OrderHistory() {}

  OrderHistory(Order order, Transition transition) {
    this.order = order;
    this.fromStatus = transition.from();
    this.toStatus = transition.to();
    this.actor = StatusHistory.actor(transition.actor());
    this.reason = StatusHistory.reason(transition.reason());
    this.occurredAt = transition.at().atOffset(ZoneOffset.UTC);
  }

  public OrderStatus fromStatus() {
    return fromStatus;
  }

  public OrderStatus toStatus() {
    return toStatus;
  }

  public String actor() {
    return actor;
  }

  public String reason() {
    return reason;
  }

  public Instant occurredAt() {
    return occurredAt.toInstant();
  }
}
