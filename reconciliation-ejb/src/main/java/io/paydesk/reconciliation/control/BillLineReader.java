package io.paydesk.reconciliation.control;

import io.paydesk.gateway.boundary.BillAnswer;
import io.paydesk.gateway.boundary.BillLines;
import io.paydesk.gateway.boundary.WeChatBills;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Streams the merchant's ALL bill of the day from WeChat (through {@link WeChatBills}, in PayDesk's
 * terms) line by line: memory does not grow with the bill. A run that resumes downloads the bill
 * again and skips the lines its committed chunks already applied ({@code lines_done} in the run's
 * table, durable unlike the batch runtime's own repository on Payara Micro); a run that starts
 * afresh first deletes the date's staged lines of earlier runs. At the end it leaves the summary
 * (and where it disagrees with the rows) for the finishing step.
 */
@Named("reconciliationBillReader")
@Dependent
public class BillLineReader extends AbstractItemReader {

  private static final Logger LOG = Logger.getLogger(BillLineReader.class.getName());

  @Inject JobContext job;
  @EJB ReconciliationStore store;
  @EJB BillMatching matching;
  @EJB WeChatBills bills;
  @EJB ReconciliationSettings settings;

  private BillLines bill;
  private long read;

  @Override
  public void open(Serializable checkpoint) throws Exception {
    ReconciliationStore.Run run = JobRun.of(job);
    long done = store.linesDone(run);
    if (done == 0) {
      matching.clear(run.mchId(), run.billDate());
    }
    BillAnswer answer = bills.allBill(run.billDate(), run.mchId());
    if (answer instanceof BillAnswer.NotReady notReady) {
      store.breakOff(run, settings.nextTry(run.key()), notReady.why());
      throw new BillUnavailableException(notReady.why());
    }
    if (answer instanceof BillAnswer.Failed failed) {
      store.fail(run, failed.why(), Instant.now());
      throw new BillUnavailableException(failed.why());
    }
    if (answer instanceof BillAnswer.NoBill) {
      store.markBillEmpty(run);
      job.setTransientUserData(null);
      return;
    }
    bill = ((BillAnswer.Ready) answer).lines();
    read = bill.skip(done);
    if (done > 0) {
      LOG.info(
          () ->
              "reconciliation resumes mchId="
                  + run.mchId()
                  + " billDate="
                  + run.billDate()
                  + " afterLines="
                  + done);
    }
  }

  @Override
  public Object readItem() {
    if (bill == null) {
      return null;
    }
    if (bill.hasNext()) {
      read++;
      return bill.next();
    }
    BillLines.Summary summary = bill.summary();
    job.setTransientUserData(
        new BillTotals(
            summary.count(),
            summary.paymentFen(),
            summary.refundFen(),
            summary.feeMilliFen(),
            summary.rowMismatches()));
    return null;
  }

  @Override
  public Serializable checkpointInfo() {
    return read;
  }

  @Override
  public void close() throws IOException {
    if (bill != null) {
      bill.close();
    }
  }
}
