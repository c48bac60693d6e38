package io.paydesk.reconciliation.entity;

import io.paydesk.platform.audit.entity.StatusHistory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The reconciliation of one merchant's bill of one date (a Beijing day): one bill per merchant per
 * day, keyed by (mch_id, bill date). Lifecycle: queued by the schedule or by staff → running (a
 * batch job applies the bill chunk by chunk; {@code linesDone} is committed with each chunk, so a
 * run broken off resumes after the last committed line) → completed; a bill not ready yet makes it
 * wait and try again; a rerun queues it again with the next run number and fresh figures. The
 * figures themselves are added up by the job's chunks (see the control package); this entity guards
 * the status.
 */
@Entity
@Table(name = "recon_day")
@IdClass(DayKey.class)
public class ReconciliationDay {

  /** Length of the last_outcome column; a longer account is cut by the one rule. */
  static final int MAX_OUTCOME = 256;

  /** Most mch_ids have 10 digits; the column leaves room as orders.mch_id does. */
  static final int MAX_MCH_ID = 32;

  @Id
  @Column(name = "mch_id", length = MAX_MCH_ID)
  private String mchId;

  @Id
  @Column(name = "bill_date")
  private LocalDate billDate;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private DayStatus status;

  @Column(name = "run_no", nullable = false)
  private int runNo;

  @Column(name = "requested_by", nullable = false, length = 64)
  private String requestedBy;

  @Column(name = "requested_at", nullable = false)
  private OffsetDateTime requestedAt;

  @Column(length = 64)
  private String node;

  @Column(name = "started_at")
  private OffsetDateTime startedAt;

  @Column(name = "finished_at")
  private OffsetDateTime finishedAt;

  @Column(name = "next_try_at")
  private OffsetDateTime nextTryAt;

  @Column(nullable = false)
  private int tries;

  @Column(name = "last_outcome", length = MAX_OUTCOME)
  private String lastOutcome;

  @Column(name = "lines_done", nullable = false)
  private long linesDone;

  @Column(name = "resumed_from")
  private Long resumedFrom;

  @Column(name = "bill_empty", nullable = false)
  private boolean billEmpty;

  @Column(name = "wechat_payment_count", nullable = false)
  private long wechatPaymentCount;

  @Column(name = "wechat_payment_fen", nullable = false)
  private long wechatPaymentFen;

  @Column(name = "wechat_refund_count", nullable = false)
  private long wechatRefundCount;

  @Column(name = "wechat_refund_fen", nullable = false)
  private long wechatRefundFen;

  @Column(name = "wechat_fee_milli_fen", nullable = false)
  private long wechatFeeMilliFen;

  @Column(name = "paydesk_payment_count", nullable = false)
  private long paydeskPaymentCount;

  @Column(name = "paydesk_payment_fen", nullable = false)
  private long paydeskPaymentFen;

  @Column(name = "paydesk_refund_count", nullable = false)
  private long paydeskRefundCount;

  @Column(name = "paydesk_refund_fen", nullable = false)
  private long paydeskRefundFen;

  @Column(name = "summary_count")
  private Long summaryCount;

  @Column(name = "summary_payment_fen")
  private Long summaryPaymentFen;

  @Column(name = "summary_refund_fen")
  private Long summaryRefundFen;

  @Column(name = "summary_fee_milli_fen")
  private Long summaryFeeMilliFen;

  @Column(name = "discrepancy_count", nullable = false)
  private long discrepancyCount;

  @Version private long version;

  protected ReconciliationDay() {}

  /** A merchant's date never reconciled before, queued. */
  public ReconciliationDay(String mchId, LocalDate billDate, String requestedBy, Instant now) {
    if (mchId == null || mchId.isBlank() || mchId.length() > MAX_MCH_ID) {
      throw new IllegalArgumentException("a merchant's mch_id: 1 to " + MAX_MCH_ID + " characters");
    }
    this.mchId = mchId;
    this.billDate = Objects.requireNonNull(billDate);
    this.status = DayStatus.QUEUED;
    this.runNo = 1;
    this.requestedBy = requireActor(requestedBy);
    this.requestedAt = utc(now);
    this.nextTryAt = utc(now);
  }

  /** Queues a rerun: the next run number, figures and progress from zero. */
  public void rerun(String by, Instant now) {
    move(DayStatus.QUEUED);
    runNo++;
    requestedBy = requireActor(by);
    requestedAt = utc(now);
    nextTryAt = utc(now);
    node = null;
    startedAt = null;
    finishedAt = null;
    tries = 0;
    lastOutcome = null;
    linesDone = 0;
    resumedFrom = null;
    billEmpty = false;
    wechatPaymentCount = wechatPaymentFen = wechatRefundCount = wechatRefundFen = 0;
    wechatFeeMilliFen = 0;
    paydeskPaymentCount = paydeskPaymentFen = paydeskRefundCount = paydeskRefundFen = 0;
    summaryCount = summaryPaymentFen = summaryRefundFen = summaryFeeMilliFen = null;
    discrepancyCount = 0;
  }

  /**
   * This node runs it now: a queued or waiting date starts (or resumes after its committed lines),
   * a running one whose node is gone is taken over and resumes the same way.
   */
  public void claim(String byNode, Instant now) {
    move(DayStatus.RUNNING);
    node = Objects.requireNonNull(byNode);
    if (startedAt == null) {
      startedAt = utc(now);
    }
    tries++;
    nextTryAt = null;
    if (linesDone > 0) {
      resumedFrom = linesDone;
    }
  }

  /** The bill is not ready (or the run broke off): try again at {@code next}. */
  public void waitUntil(Instant next, String why) {
    move(DayStatus.WAITING);
    node = null;
    nextTryAt = utc(next);
    lastOutcome = StatusHistory.fit(why, MAX_OUTCOME);
  }

  /** WeChat refuses the date: final until someone asks for a rerun. */
  public void fail(String why, Instant now) {
    move(DayStatus.FAILED);
    node = null;
    finishedAt = utc(now);
    lastOutcome = StatusHistory.fit(why, MAX_OUTCOME);
  }

  /** Every line applied and both sides checked. */
  public void complete(long discrepancies, Instant now) {
    move(DayStatus.COMPLETED);
    node = null;
    finishedAt = utc(now);
    discrepancyCount = discrepancies;
    lastOutcome = "completed";
  }

  /** The bill's summary line, as written. */
  public void recordSummary(long count, long paymentFen, Long refundFen, long feeMilliFen) {
    summaryCount = count;
    summaryPaymentFen = paymentFen;
    summaryRefundFen = refundFen;
    summaryFeeMilliFen = feeMilliFen;
  }

  /** WeChat answered "No Bill Exist": a day without trades. */
  public void markBillEmpty() {
    billEmpty = true;
  }

  /** PayDesk's records the bill does not list count into PayDesk's figures. */
  public void addPayDeskOnly(long payments, long paymentFen, long refunds, long refundFen) {
    paydeskPaymentCount += payments;
    paydeskPaymentFen += paymentFen;
    paydeskRefundCount += refunds;
    paydeskRefundFen += refundFen;
  }

  public boolean isRunOf(int run) {
    return status == DayStatus.RUNNING && runNo == run;
  }

  private void move(DayStatus target) {
    if (!status.canBecome(target)) {
      throw new IllegalStateException(
          "reconciliation of "
              + mchId
              + "/"
              + billDate
              + " cannot go from "
              + status
              + " to "
              + target);
    }
    status = target;
  }

  private static String requireActor(String actor) {
    if (actor == null || actor.isBlank() || actor.length() > 64) {
      throw new IllegalArgumentException("who asked for the reconciliation: 1 to 64 characters");
    }
    return actor;
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }

  public String mchId() {
    return mchId;
  }

  public DayKey key() {
    return new DayKey(mchId, billDate);
  }

  public LocalDate billDate() {
    return billDate;
  }

  public DayStatus status() {
    return status;
  }

  public int runNo() {
    return runNo;
  }

  public String requestedBy() {
    return requestedBy;
  }

  public Instant requestedAt() {
    return instant(requestedAt);
  }

  public String node() {
    return node;
  }

  public Instant startedAt() {
    return instant(startedAt);
  }

  public Instant finishedAt() {
    return instant(finishedAt);
  }

  public Instant nextTryAt() {
    return instant(nextTryAt);
  }

  public int tries() {
    return tries;
  }

  public String lastOutcome() {
    return lastOutcome;
  }

  public long linesDone() {
    return linesDone;
  }

  public Long resumedFrom() {
    return resumedFrom;
  }

  public boolean billEmpty() {
    return billEmpty;
  }

  public long wechatPaymentCount() {
    return wechatPaymentCount;
  }

  public long wechatPaymentFen() {
    return wechatPaymentFen;
  }

  public long wechatRefundCount() {
    return wechatRefundCount;
  }

  public long wechatRefundFen() {
    return wechatRefundFen;
  }

  public long wechatFeeMilliFen() {
    return wechatFeeMilliFen;
  }

  public long paydeskPaymentCount() {
    return paydeskPaymentCount;
  }

  public long paydeskPaymentFen() {
    return paydeskPaymentFen;
  }

  public long paydeskRefundCount() {
    return paydeskRefundCount;
  }

  public long paydeskRefundFen() {
    return paydeskRefundFen;
  }

  public Long summaryCount() {
    return summaryCount;
  }

  public Long summaryPaymentFen() {
    return summaryPaymentFen;
  }

  public Long summaryRefundFen() {
    return summaryRefundFen;
  }

  public Long summaryFeeMilliFen() {
    return summaryFeeMilliFen;
  }

  public long discrepancyCount() {
    return discrepancyCount;
  }
}
