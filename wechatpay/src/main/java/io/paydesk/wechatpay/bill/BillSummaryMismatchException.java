package io.paydesk.wechatpay.bill;

/** The bill's summary line disagrees with its rows: the bill is not to be trusted. */
public final class BillSummaryMismatchException extends BillFormatException {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final long summaryValue;
  private final long computedValue;

  public BillSummaryMismatchException(String column, long summaryValue, long computedValue) {
    super(
        Code.BILL_SUMMARY_MISMATCH,
        "summary " + column + " is " + summaryValue + " but the rows give " + computedValue);
    this.column = column;
    this.summaryValue = summaryValue;
    this.computedValue = computedValue;
  }

  /** The summary header's column name, e.g. 总交易单数. */
  public String column() {
    return column;
  }

  /** The summary's value (a count, or minor units as in {@link BillSummary}). */
  public long summaryValue() {
    return summaryValue;
  }

  public long computedValue() {
    return computedValue;
  }
}
