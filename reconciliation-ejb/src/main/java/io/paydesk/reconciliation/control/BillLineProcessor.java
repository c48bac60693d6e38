package io.paydesk.reconciliation.control;

import io.paydesk.wechatpay.bill.BillRow;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/**
 * Turns a bill row into the few fields reconciliation compares. The comparison itself ({@link
 * LineMatcher}) runs in the writer, a chunk at a time, because PayDesk's records for a chunk are
 * read in one query (a query per line would be a million queries for a large bill).
 */
@Named("reconciliationLineProcessor")
@Dependent
public class BillLineProcessor implements ItemProcessor {

  @Override
  public Object processItem(Object item) {
    return BillLine.of((BillRow) item);
  }
}
