package io.paydesk.reconciliation.control;

import io.paydesk.gateway.boundary.WeChatOutcomes;
import io.paydesk.gateway.boundary.WeChatPayGateway;
import io.paydesk.wechatpay.bill.BillReader;
import io.paydesk.wechatpay.bill.BillSummary;
import io.paydesk.wechatpay.client.BillDownload;
import io.paydesk.wechatpay.client.BillType;
import io.paydesk.wechatpay.client.CallResult;
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
 * Streams the day's ALL bill (GZIP) from WeChat through the protocol library, row by row: memory
 * does not grow with the bill. A run that resumes downloads the bill again and skips the lines its
 * committed chunks already applied ({@code lines_done} in the run's table, durable unlike the batch
 * runtime's own repository on Payara Micro). At the end it leaves the summary (and where it
 * disagrees with the rows) for the finishing step.
 */
@Named("reconciliationBillReader")
@Dependent
public class BillLineReader extends AbstractItemReader {

  private static final Logger LOG = Logger.getLogger(BillLineReader.class.getName());

  @Inject JobContext job;
  @EJB ReconciliationStore store;
  @EJB WeChatPayGateway gateway;
  @EJB ReconciliationSettings settings;

  private BillDownload download;
  private BillReader bill;
  private long read;

  @Override
  public void open(Serializable checkpoint) throws Exception {
    ReconciliationStore.Run run = JobRun.of(job);
    long done = store.linesDone(run);
    CallResult<BillDownload> answer =
        gateway.client().downloadBill(run.billDate(), BillType.ALL, true);
    switch (WeChatOutcomes.ofBill(answer)) {
      case NOT_YET -> {
        String why = "bill not ready: " + describe(answer);
        store.breakOff(run, settings.nextTry(run.billDate()), why);
        throw new BillUnavailableException(why);
      }
      case REFUSED -> {
        String why = "WeChat refuses the date: " + describe(answer);
        store.fail(run, why, Instant.now());
        throw new BillUnavailableException(why);
      }
      case READY -> download = answer.orElseThrow();
    }
    if (download.isEmpty()) {
      store.markBillEmpty(run);
      job.setTransientUserData(null);
      return;
    }
    bill = BillReader.openTolerant(download.body());
    while (read < done && bill.hasNext()) {
      bill.next();
      read++;
    }
    if (done > 0) {
      LOG.info(() -> "reconciliation resumes billDate=" + run.billDate() + " afterLines=" + done);
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
    BillSummary summary = bill.summary();
    job.setTransientUserData(
        new BillTotals(
            summary.tradeCount(),
            summary.settlementTotalFee(),
            summary.refundFee(),
            summary.serviceFeeMilliFen(),
            bill.summaryMismatches().stream().map(Exception::getMessage).toList()));
    return null;
  }

  @Override
  public Serializable checkpointInfo() {
    return read;
  }

  @Override
  public void close() throws IOException {
    try {
      if (bill != null) {
        bill.close();
      }
    } finally {
      if (download != null) {
        download.close();
      }
    }
  }

  private static String describe(CallResult<?> answer) {
    if (answer instanceof CallResult.CommunicationFailure<?> failure) {
      return failure.returnMsg() + " (error_code " + failure.fields().get("error_code") + ")";
    }
    return answer.kind().name();
  }
}
