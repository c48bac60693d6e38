package io.paydesk.reconciliation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One disagreement a run found. Written in bulk by the job (in the chunk's transaction); afterwards
 * only its repair (what reconciliation did about it) and its resolution by FINANCE (who, when, a
 * note) change.
 */
@Entity
@Table(name = "recon_discrepancy")
public class Discrepancy {

  public static final int MAX_NOTE = 512;

  @Id private Long id;

  @Column(name = "mch_id", nullable = false, length = 32, updatable = false)
  private String mchId;

  @Column(name = "bill_date", nullable = false, updatable = false)
  private LocalDate billDate;

  @Column(name = "run_no", nullable = false, updatable = false)
  private int runNo;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32, updatable = false)
  private DiscrepancyType type;

  @Column(name = "out_trade_no", length = 32, updatable = false)
  private String outTradeNo;

  @Column(name = "out_refund_no", length = 32, updatable = false)
  private String outRefundNo;

  @Column(name = "transaction_id", length = 32, updatable = false)
  private String transactionId;

  @Column(name = "refund_id", length = 64, updatable = false)
  private String refundId;

  @Column(name = "wechat_fen", updatable = false)
  private Long wechatFen;

  @Column(name = "paydesk_fen", updatable = false)
  private Long paydeskFen;

  @Column(name = "wechat_status", length = 32, updatable = false)
  private String wechatStatus;

  @Column(name = "paydesk_status", length = 32, updatable = false)
  private String paydeskStatus;

  @Column(nullable = false, length = 256, updatable = false)
  private String detail;

  @Column(length = 256)
  private String repair;

  @Column(name = "found_at", nullable = false, updatable = false)
  private OffsetDateTime foundAt;

  @Column(name = "resolved_by", length = 64)
  private String resolvedBy;

  @Column(name = "resolved_at")
  private OffsetDateTime resolvedAt;

  @Column(name = "resolution_note", length = MAX_NOTE)
  private String resolutionNote;

  @Version private long version;

  protected Discrepancy() {}

  /**
   * FINANCE marks it resolved with a note.
   *
   * @throws IllegalArgumentException without a note, or with one too long
   * @throws IllegalStateException when it is resolved already
   */
  public void resolve(String by, String note, Instant at) {
    if (note == null || note.isBlank() || note.length() > MAX_NOTE) {
      throw new IllegalArgumentException("a note of 1 to " + MAX_NOTE + " characters is required");
    }
    if (resolvedAt != null) {
      throw new IllegalStateException("resolved already by " + resolvedBy);
    }
    resolvedBy = by;
    resolvedAt = at.atOffset(ZoneOffset.UTC);
    resolutionNote = note.strip();
  }

  public Long id() {
    return id;
  }

  /** The merchant whose bill the discrepancy was found in. */
  public String mchId() {
    return mchId;
  }

  public LocalDate billDate() {
    return billDate;
  }

  public int runNo() {
    return runNo;
  }

  public DiscrepancyType type() {
    return type;
  }

  public String outTradeNo() {
    return outTradeNo;
  }

  public String outRefundNo() {
    return outRefundNo;
  }

  public String transactionId() {
    return transactionId;
  }

  public String refundId() {
    return refundId;
  }

  public Long wechatFen() {
    return wechatFen;
  }

  public Long paydeskFen() {
    return paydeskFen;
  }

  public String wechatStatus() {
    return wechatStatus;
  }

  public String paydeskStatus() {
    return paydeskStatus;
  }

  public String detail() {
    return detail;
  }

  public String repair() {
    return repair;
  }

  public Instant foundAt() {
    return foundAt.toInstant();
  }

  public String resolvedBy() {
    return resolvedBy;
  }

  public Instant resolvedAt() {
    return resolvedAt == null ? null : resolvedAt.toInstant();
  }

  public String resolutionNote() {
    return resolutionNote;
  }
}
