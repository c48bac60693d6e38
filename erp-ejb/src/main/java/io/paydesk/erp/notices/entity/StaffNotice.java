package io.paydesk.erp.notices.entity;

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
import java.util.Objects;

/**
 * The outbox row of one staff notice: a WeCom group-robot alert or a ticket for the Feieyun cloud
 * printer, with the exact text to send.
 *
 * <p>Lifecycle: written PENDING in the transaction of the change it tells of (or of a member of
 * staff's reprint), so that it exists exactly when the change does; the notice relay sends it once
 * due and records the channel's answer: SENT, FAILED (refused as it is), or still PENDING with its
 * next attempt on the backoff. Moves follow {@link NoticeStatus}'s table.
 */
@Entity
@Table(name = "staff_notice")
@NamedQuery(
    name = StaffNotice.DUE,
    query =
        "SELECT n.id FROM StaffNotice n WHERE n.status = :pending AND n.nextAttemptAt <= :now"
            + " ORDER BY n.nextAttemptAt, n.id")
@NamedQuery(
    name = StaffNotice.OF_ORDER,
    query =
        "SELECT n FROM StaffNotice n WHERE n.orderNo = :orderNo AND n.channel = :channel"
            + " ORDER BY n.id DESC")
@NamedQuery(
    name = StaffNotice.UNSENT_OF_SUBJECT,
    query =
        "SELECT n FROM StaffNotice n WHERE n.topic = :topic AND n.subject = :subject"
            + " AND n.status = :pending")
public class StaffNotice {

  public static final String DUE = "StaffNotice.due";
  public static final String OF_ORDER = "StaffNotice.ofOrder";
  public static final String UNSENT_OF_SUBJECT = "StaffNotice.unsentOfSubject";

  /** The column's size; longer texts are cut by whoever writes them. */
  public static final int MAX_CONTENT = 8000;

  static final int MAX_ANSWER = 256;

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "staff_notice_seq")
  @SequenceGenerator(
      name = "staff_notice_seq",
      sequenceName = "staff_notice_seq",
      allocationSize = 50)
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16, updatable = false)
  private Channel channel;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32, updatable = false)
  private Topic topic;

  /** The orderNo, outRefundNo or bill date the notice is about. */
  @Column(nullable = false, length = 64, updatable = false)
  private String subject;

  @Column(name = "order_no", length = 32, updatable = false)
  private String orderNo;

  @Column(name = "requested_by", nullable = false, length = 64, updatable = false)
  private String requestedBy;

  @Column(nullable = false, length = MAX_CONTENT, updatable = false)
  private String content;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private NoticeStatus status;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at")
  private OffsetDateTime nextAttemptAt;

  @Column(name = "last_answer", length = MAX_ANSWER)
  private String lastAnswer;

  @Column(name = "external_id", length = 64)
  private String externalId;

  @Column(name = "created_at", nullable = false, updatable = false)
  private OffsetDateTime createdAt;

  @Column(name = "sent_at")
  private OffsetDateTime sentAt;

  @Version private long version;

  protected StaffNotice() {}

  /** A notice to send as soon as the transaction that writes it commits. */
  public StaffNotice(
      Channel channel,
      Topic topic,
      String subject,
      String orderNo,
      String requestedBy,
      String content,
      Instant now) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.subject = requireText(subject, "subject", 64);
    this.orderNo = orderNo;
    this.requestedBy = requireText(requestedBy, "requestedBy", 64);
    this.content = requireText(content, "content", MAX_CONTENT);
    this.status = NoticeStatus.PENDING;
    this.createdAt = now.atOffset(ZoneOffset.UTC);
    this.nextAttemptAt = createdAt;
  }

  /** The channel took it. */
  public void sent(String externalId, String answer, Instant now) {
    move(NoticeStatus.SENT);
    attempts++;
    this.externalId = externalId == null ? null : cut(externalId, 64);
    this.lastAnswer = cut(answer, MAX_ANSWER);
    this.sentAt = now.atOffset(ZoneOffset.UTC);
    this.nextAttemptAt = null;
  }

  /** Not taken this time: tried again at {@code retryAt}. */
  public void retryAt(Instant retryAt, String answer) {
    move(NoticeStatus.PENDING);
    attempts++;
    this.lastAnswer = cut(answer, MAX_ANSWER);
    this.nextAttemptAt = retryAt.atOffset(ZoneOffset.UTC);
  }

  /** Refused as it is: sending it again would not help. */
  public void failed(String answer) {
    move(NoticeStatus.FAILED);
    attempts++;
    this.lastAnswer = cut(answer, MAX_ANSWER);
    this.nextAttemptAt = null;
  }

  /** Recorded without sending: the channel was switched off before its turn came. */
  public void dropped(String why) {
    move(NoticeStatus.FAILED);
    this.lastAnswer = cut(why, MAX_ANSWER);
    this.nextAttemptAt = null;
  }

  public NoticeView view() {
    return new NoticeView(
        id,
        channel,
        topic,
        requestedBy,
        status,
        attempts,
        lastAnswer,
        externalId,
        createdAt.toInstant(),
        sentAt == null ? null : sentAt.toInstant(),
        nextAttemptAt == null ? null : nextAttemptAt.toInstant());
  }

  private void move(NoticeStatus to) {
    if (!status.canMoveTo(to)) {
      throw new IllegalStateException("notice " + id + " cannot move from " + status + " to " + to);
    }
    status = to;
  }

  private static String requireText(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(field + " has at most " + max + " characters");
    }
    return value;
  }

  private static String cut(String text, int max) {
    if (text == null) {
      return null;
    }
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  public Long id() {
    return id;
  }

  public Channel channel() {
    return channel;
  }

  public Topic topic() {
    return topic;
  }

  public String subject() {
    return subject;
  }

  public String orderNo() {
    return orderNo;
  }

  public String content() {
    return content;
  }

  public NoticeStatus status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public Instant nextAttemptAt() {
    return nextAttemptAt == null ? null : nextAttemptAt.toInstant();
  }
}
