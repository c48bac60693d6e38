package io.paydesk.reconciliation.entity;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** The key of a {@link ReconciliationDay}: one bill per merchant per day. */
public class DayKey implements Serializable {

  private static final long serialVersionUID = 1L;

  private String mchId;
  private LocalDate billDate;

  public DayKey() {}

  public DayKey(String mchId, LocalDate billDate) {
    this.mchId = Objects.requireNonNull(mchId, "mchId");
    this.billDate = Objects.requireNonNull(billDate, "billDate");
  }

  public String mchId() {
    return mchId;
  }

  public LocalDate billDate() {
    return billDate;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DayKey k
        && Objects.equals(mchId, k.mchId)
        && Objects.equals(billDate, k.billDate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mchId, billDate);
  }

  @Override
  public String toString() {
    return mchId + "/" + billDate;
  }
}
