package io.paydesk.refund.entity;

import io.paydesk.platform.audit.entity.StatusHistory;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A refund of (part of) a paid order, under one {@code out_refund_no} fixed when it is requested.
 *
 * <p>Lifecycle ({@link RefundStatus}): requested (PENDING_APPROVAL, or APPROVED at once when the
 * policy approves it automatically); approved by finance, by two different people from the
 * four-eyes threshold on (PENDING_SECOND_APPROVAL in between), or REJECTED with a reason; submitted
 * to WeChat, as often as needed with the same number, until WeChat accepts it (PROCESSING) or
 * refuses it (FAILED); then REFUNDED or FAILED as WeChat says. A refund WeChat could not pay to the
 * buyer's bank card may then be SETTLED_OFFLINE by finance. Every move is checked against the table
 * and leaves a history row. It refers to its order by {@code orderNo} and {@code outTradeNo}, never
 * by an association. Amounts are integer fen.
 */
@Entity
@Table(name = "refund")
@NamedQuery(
    name = Refund.BY_OUT_REFUND_NO,
    query = "SELECT r FROM Refund r WHERE r.outRefundNo = :outRefundNo")
@NamedQuery(
    name = Refund.BY_REQUEST_ID,
    query = "SELECT r FROM Refund r WHERE r.orderNo = :orderNo AND r.requestId = :requestId")
@NamedQuery(
    name = Refund.OF_ORDER,
    query = "SELECT r FROM Refund r WHERE r.orderNo = :orderNo ORDER BY r.id")
@NamedQuery(
    name = Refund.DUE,
    query =
        "SELECT r.outRefundNo FROM Refund r WHERE r.status = :status"
            + " AND r.nextAttemptAt <= :now ORDER BY r.nextAttemptAt")
public class Refund {

  public static final String BY_OUT_REFUND_NO = "Refund.byOutRefundNo";
  public static final String BY_REQUEST_ID = "Refund.byRequestId";
  public static final String OF_ORDER = "Refund.ofOrder";
  public static final String DUE = "Refund.due";

  /** refund_account for a refund paid from the merchant's available balance. */
  public static final String RECHARGE_FUNDS = "REFUND_SOURCE_RECHARGE_FUNDS";

  public static final int MAX_REASON = 256;

  private static final Pattern REQUEST_ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");
  private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_|*@-]{1,64}");

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "refund_seq")
  @SequenceGenerator(name = "refund_seq", sequenceName = "refund_seq", allocationSize = 50)
  private Long id;

  @Column(name = "out_refund_no", nullable = false, unique = true, length = 32, updatable = false)
  private String outRefundNo;

  @Column(name = "order_no", nullable = false, length = 32, updatable = false)
  private String orderNo;

  /** The merchant of the refund's order (issue 18); null for an order of no merchant. */
  @Column(name = "mch_id", length = 32, updatable = false)
  private String mchId;

  @Column(name = "out_trade_no", nullable = false, length = 32, updatable = false)
  private String outTradeNo;

  @Column(name = "request_id", nullable = false, length = 64, updatable = false)
  private String requestId;

  @Column(name = "amount_fen", nullable = false, updatable = false)
  private long amount;

  @Column(name = "total_fee_fen", nullable = false, updatable = false)
  private long totalFee;

  @Column(nullable = false, length = MAX_REASON, updatable = false)
  private String reason;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32)
  private RefundStatus status;

  @Column(name = "approvals_required", nullable = false, updatable = false)
  private int approvalsRequired;

  @Column(name = "requested_by", nullable = false, length = 64, updatable = false)
  private String requestedBy;

  @Column(name = "requested_at", nullable = false, updatable = false)
  private OffsetDateTime requestedAt;

  @Column(name = "first_approver", length = 64)
  private String firstApprover;

  @Column(name = "approved_by", length = 64)
  private String approvedBy;

  @Column(name = "wechat_refund_id", length = 64, unique = true)
  private String refundId;

  @Column(name = "refund_account", length = 32)
  private String refundAccount;

  @Column(nullable = false)
  private int submissions;

  @Column(nullable = false)
  private int checks;

  @Column(name = "next_attempt_at")
  private OffsetDateTime nextAttemptAt;

  @Column(name = "last_outcome", length = MAX_REASON)
  private String lastOutcome;

  @Column(name = "refunded_at")
  private OffsetDateTime refundedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "offline_method", length = 16)
  private OfflineMethod offlineMethod;

  @Column(name = "offline_reference", length = OfflineSettlement.MAX_REFERENCE)
  private String offlineReference;

  @Column(name = "offline_note", length = OfflineSettlement.MAX_NOTE)
  private String offlineNote;

  @Column(name = "offline_by", length = 64)
  private String offlineBy;

  @Column(name = "offline_at")
  private OffsetDateTime offlineAt;

  @Version private long version;

  @OneToMany(mappedBy = "refund", cascade = CascadeType.PERSIST)
  @OrderBy("id")
  private List<RefundHistory> history = new ArrayList<>();

  protected Refund() {}

  private Refund(NewRefund spec, RefundTerms terms, String actor, Instant now) {
    this.outRefundNo = terms.outRefundNo();
    this.orderNo = spec.orderNo();
    this.outTradeNo = terms.outTradeNo();
    this.requestId = spec.requestId();
    this.amount = spec.amount();
    this.totalFee = terms.totalFee();
    this.reason = spec.reason().strip();
    this.approvalsRequired = terms.approvalsRequired();
    this.mchId = terms.mchId();
    this.requestedBy = actor;
    this.requestedAt = utc(now);
  }

  /** A new refund in PENDING_APPROVAL, with its first history row. */
  public static Refund request(NewRefund spec, RefundTerms terms, String actor, Instant now) {
    validate(spec, actor);
    Objects.requireNonNull(terms, "terms");
    if (spec.amount() > terms.totalFee()) {
      throw new PayDeskException(
          ErrorCode.REFUND_EXCEEDS_PAID,
          "a refund of " + spec.amount() + " fen exceeds the " + terms.totalFee() + " fen paid");
    }
    if (terms.outRefundNo() == null || !OUT_REFUND_NO.matcher(terms.outRefundNo()).matches()) {
      throw new IllegalArgumentException("outRefundNo");
    }
    if (terms.outTradeNo() == null || terms.approvalsRequired() < 1) {
      throw new IllegalArgumentException("terms");
    }
    Refund refund = new Refund(spec, terms, actor, now);
    refund.record(
        new RefundTransition(null, RefundStatus.PENDING_APPROVAL, actor, refund.reason, now));
    return refund;
  }

  /**
   * Refuses a request that cannot be a refund, whatever its order.
   *
   * @throws PayDeskException INVALID_REQUEST, saying what is wrong
   */
  public static void validate(NewRefund spec, String actor) {
    if (spec == null) {
      throw invalid("orderNo, amount, reason and requestId are required");
    }
    if (spec.orderNo() == null || spec.orderNo().isBlank()) {
      throw invalid("orderNo is required");
    }
    if (spec.requestId() == null || !REQUEST_ID.matcher(spec.requestId()).matches()) {
      throw invalid("requestId is 1 to 64 letters, digits, '_' or '-'");
    }
    if (spec.amount() == null || spec.amount() <= 0) {
      throw invalid("amount is a positive number of fen");
    }
    if (spec.reason() == null || spec.reason().isBlank() || spec.reason().length() > MAX_REASON) {
      throw invalid("reason is required, at most " + MAX_REASON + " characters");
    }
    requireActor(actor);
  }

  /** Whether a repeated request (same requestId) asks for this same refund. */
  public boolean matches(NewRefund spec) {
    return orderNo.equals(spec.orderNo())
        && requestId.equals(spec.requestId())
        && spec.amount() != null
        && amount == spec.amount()
        && spec.reason() != null
        && reason.equals(spec.reason().strip());
  }

  /** What an approval did. */
  public enum Approval {
    /** The first of the two approvals four-eyes needs. */
    FIRST_OF_TWO,
    /** Now APPROVED: to be submitted. */
    APPROVED,
    /** Nothing changed: it was approved already. */
    ALREADY_APPROVED
  }

  /**
   * {@code approver} approves. A refund that needs two approvals moves to PENDING_SECOND_APPROVAL
   * first; the second approval must come from someone else (the same person again is refused and
   * changes nothing). Approving an approved refund changes nothing.
   */
  public Approval approve(String approver, Instant now) {
    requireActor(approver);
    switch (status) {
      case PENDING_APPROVAL -> {
        if (approvalsRequired > 1) {
          firstApprover = approver;
          moveTo(
              RefundStatus.PENDING_SECOND_APPROVAL,
              approver,
              "first approval; a second approver is required",
              now);
          return Approval.FIRST_OF_TWO;
        }
        approved(approver, "approved", now);
        return Approval.APPROVED;
      }
      case PENDING_SECOND_APPROVAL -> {
        if (approver.equals(firstApprover)) {
          throw new PayDeskException(
              ErrorCode.REFUND_SECOND_APPROVER_REQUIRED,
              "refund "
                  + outRefundNo
                  + " was approved by "
                  + approver
                  + "; the second approval must come from someone else");
        }
        approved(approver, "second approval; first by " + firstApprover, now);
        return Approval.APPROVED;
      }
      case APPROVED, PROCESSING, REFUNDED -> {
        return Approval.ALREADY_APPROVED;
      }
      default ->
          throw new PayDeskException(
              ErrorCode.REFUND_ILLEGAL_TRANSITION,
              "refund " + outRefundNo + " is " + status + " and cannot be approved");
    }
  }

  /**
   * {@code approver} rejects a refund waiting for approval; the reason is required. Answers false
   * when it was rejected already.
   */
  public boolean reject(String approver, String why, Instant now) {
    requireActor(approver);
    if (why == null || why.isBlank() || why.length() > MAX_REASON) {
      throw invalid("a rejection needs a reason, at most " + MAX_REASON + " characters");
    }
    if (status == RefundStatus.REJECTED) {
      return false;
    }
    moveTo(RefundStatus.REJECTED, approver, why.strip(), now);
    nextAttemptAt = null;
    return true;
  }

  /**
   * Claims the next submission to WeChat: only an APPROVED refund whose submission is due. It is
   * not due again until {@code hold} has passed, so that two nodes or threads never send it at the
   * same time. Answers false when it is not to be sent now.
   */
  public boolean claimSubmission(Instant now, Duration hold) {
    if (status != RefundStatus.APPROVED
        || nextAttemptAt == null
        || nextAttemptAt.toInstant().isAfter(now)) {
      return false;
    }
    submissions++;
    nextAttemptAt = utc(now.plus(hold));
    return true;
  }

  /** WeChat said NOTENOUGH: pay it from the available balance, with the same out_refund_no. */
  public boolean useRechargeFunds(String outcome) {
    if (RECHARGE_FUNDS.equals(refundAccount)) {
      return false;
    }
    refundAccount = RECHARGE_FUNDS;
    lastOutcome = StatusHistory.fit(outcome, MAX_REASON);
    return true;
  }

  /**
   * Nothing final yet (an unknown or transient outcome, a missing certificate, still processing):
   * record what was learned and when to try again.
   */
  public void tryAgainAt(Instant at, String outcome) {
    if (status != RefundStatus.APPROVED && status != RefundStatus.PROCESSING) {
      return;
    }
    checks++;
    lastOutcome = StatusHistory.fit(outcome, MAX_REASON);
    nextAttemptAt = at == null ? null : utc(at);
  }

  /**
   * WeChat accepted the refund under {@code wechatRefundId}; it is asked about it again at {@code
   * checkAt} unless its notification comes first. Answers false when it knew already.
   */
  public boolean accepted(String wechatRefundId, String actor, Instant now, Instant checkAt) {
    if (status != RefundStatus.APPROVED) {
      requireSameRefundId(wechatRefundId);
      return false;
    }
    requireSameRefundId(wechatRefundId);
    refundId = wechatRefundId;
    moveTo(RefundStatus.PROCESSING, actor, "accepted by WeChat as " + wechatRefundId, now);
    lastOutcome = "accepted by WeChat";
    nextAttemptAt = utc(checkAt);
    return true;
  }

  /**
   * WeChat paid the refund out. A refund still APPROVED (the answer to its submission was lost)
   * passes through PROCESSING. Answers false when it knew already.
   */
  public boolean refunded(String wechatRefundId, Instant at, String actor, Instant now) {
    if (status == RefundStatus.REFUNDED) {
      requireSameRefundId(wechatRefundId);
      return false;
    }
    accepted(wechatRefundId, actor, now, now);
    moveTo(RefundStatus.REFUNDED, actor, "refunded by WeChat", now);
    refundedAt = utc(at != null ? at : now);
    lastOutcome = "refunded";
    nextAttemptAt = null;
    return true;
  }

  /**
   * WeChat accepted the refund but it did not reach the buyer (CHANGE: bank card refund failed;
   * REFUNDCLOSE). Answers false when it knew already.
   */
  public boolean failedAtWeChat(String wechatRefundId, String why, String actor, Instant now) {
    if (status == RefundStatus.FAILED) {
      return false;
    }
    accepted(wechatRefundId, actor, now, now);
    return fail(why, actor, now);
  }

  /**
   * WeChat refused the refund before accepting it (NOTENOUGH under the stop policy, a refused
   * request): it fails with the reason and what staff can do. Answers false when it had failed.
   */
  public boolean refused(String why, String actor, Instant now) {
    if (status == RefundStatus.FAILED) {
      return false;
    }
    return fail(why, actor, now);
  }

  /**
   * {@code actor} records that a refund WeChat could not pay to the buyer's bank card (CHANGE: the
   * money is back in the merchant account) was paid to the buyer another way: SETTLED_OFFLINE,
   * which ends it. Only that kind of failure can be settled so: a refund WeChat refused or closed
   * paid nobody and is requested again instead. Recording it again changes nothing (answers false).
   *
   * @throws PayDeskException REFUND_ILLEGAL_TRANSITION unless it FAILED with CHANGE
   */
  public boolean settleOffline(OfflineSettlement settlement, String actor, Instant now) {
    requireActor(actor);
    Objects.requireNonNull(settlement, "settlement");
    if (status == RefundStatus.SETTLED_OFFLINE) {
      return false;
    }
    if (failure() != RefundFailure.BANK_CARD_FAILED) {
      throw new PayDeskException(
          ErrorCode.REFUND_ILLEGAL_TRANSITION,
          "refund "
              + outRefundNo
              + " is "
              + status
              + (status == RefundStatus.FAILED ? " (" + failure() + ")" : "")
              + "; only a refund whose bank card payment failed (CHANGE) is settled offline");
    }
    moveTo(RefundStatus.SETTLED_OFFLINE, actor, settlement.describe(), now);
    offlineMethod = settlement.method();
    offlineReference = settlement.reference();
    offlineNote = settlement.note();
    offlineBy = actor;
    offlineAt = utc(now);
    nextAttemptAt = null;
    return true;
  }

  private boolean fail(String why, String actor, Instant now) {
    moveTo(RefundStatus.FAILED, actor, why, now);
    lastOutcome = StatusHistory.fit(why, MAX_REASON);
    nextAttemptAt = null;
    return true;
  }

  private void approved(String approver, String why, Instant now) {
    approvedBy = approver;
    moveTo(RefundStatus.APPROVED, approver, why, now);
    nextAttemptAt = utc(now);
  }

  private void requireSameRefundId(String wechatRefundId) {
    if (refundId != null && wechatRefundId != null && !refundId.equals(wechatRefundId)) {
      throw new PayDeskException(
          ErrorCode.REFUND_MISMATCH,
          "refund " + outRefundNo + " is " + refundId + " at WeChat, not " + wechatRefundId);
    }
  }

  private void moveTo(RefundStatus target, String actor, String why, Instant now) {
    if (!status.canMoveTo(target)) {
      throw new PayDeskException(
          ErrorCode.REFUND_ILLEGAL_TRANSITION,
          "refund " + outRefundNo + " is " + status + " and cannot become " + target);
    }
    record(new RefundTransition(status, target, actor, why, now));
  }

  private void record(RefundTransition transition) {
    history.add(new RefundHistory(this, transition));
    status = transition.to();
  }

  private static void requireActor(String actor) {
    if (actor == null || actor.isBlank() || actor.length() > 64) {
      throw invalid("who acts is required (at most 64 characters)");
    }
  }

  private static PayDeskException invalid(String detail) {
    return new PayDeskException(ErrorCode.INVALID_REQUEST, detail);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  public String outRefundNo() {
    return outRefundNo;
  }

  public String mchId() {
    return mchId;
  }

  public String orderNo() {
    return orderNo;
  }

  public String outTradeNo() {
    return outTradeNo;
  }

  public String requestId() {
    return requestId;
  }

  public long amount() {
    return amount;
  }

  public long totalFee() {
    return totalFee;
  }

  public String reason() {
    return reason;
  }

  public RefundStatus status() {
    return status;
  }

  public int approvalsRequired() {
    return approvalsRequired;
  }

  public String requestedBy() {
    return requestedBy;
  }

  public Instant requestedAt() {
    return requestedAt.toInstant();
  }

  /** Who approved (both, under four-eyes), in order; empty until approved. */
  public List<String> approvers() {
    List<String> names = new ArrayList<>(2);
    if (firstApprover != null) {
      names.add(firstApprover);
    }
    if (approvedBy != null) {
      names.add(approvedBy);
    }
    return List.copyOf(names);
  }

  /** WeChat's refund_id, once WeChat accepted it. */
  public String refundId() {
    return refundId;
  }

  /** The refund_account sent to WeChat: null (WeChat's default) or {@link #RECHARGE_FUNDS}. */
  public String refundAccount() {
    return refundAccount;
  }

  public int submissions() {
    return submissions;
  }

  public int checks() {
    return checks;
  }

  public Instant nextAttemptAt() {
    return nextAttemptAt == null ? null : nextAttemptAt.toInstant();
  }

  public String lastOutcome() {
    return lastOutcome;
  }

  /** Why it failed, in PayDesk's terms; null unless FAILED. */
  public RefundFailure failure() {
    return RefundFailure.of(status, lastOutcome);
  }

  public Instant refundedAt() {
    return refundedAt == null ? null : refundedAt.toInstant();
  }

  /** How finance settled it offline; null unless SETTLED_OFFLINE. */
  public OfflineSettlement offlineSettlement() {
    return offlineMethod == null
        ? null
        : new OfflineSettlement(offlineMethod, offlineReference, offlineNote);
  }

  /** Who recorded the offline settlement; null unless SETTLED_OFFLINE. */
  public String offlineBy() {
    return offlineBy;
  }

  public Instant offlineAt() {
    return offlineAt == null ? null : offlineAt.toInstant();
  }

  public List<RefundHistory> history() {
    return Collections.unmodifiableList(history);
  }
}
