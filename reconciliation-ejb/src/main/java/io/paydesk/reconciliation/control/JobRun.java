package io.paydesk.reconciliation.control;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import java.time.LocalDate;
import java.util.Properties;

/**
 * The job parameters of a reconciliation run: which merchant, which bill date, which run, the chunk
 * size.
 */
public final class JobRun {

  public static final String JOB = "reconciliation";
  static final String MCH_ID = "mchId";
  static final String BILL_DATE = "billDate";
  static final String RUN_NO = "runNo";
  static final String CHUNK_SIZE = "chunkSize";

  private JobRun() {}

  /** The parameters that start a run. */
  public static Properties parameters(ReconciliationStore.Run run, int chunkSize) {
    Properties p = new Properties();
    p.setProperty(MCH_ID, run.mchId());
    p.setProperty(BILL_DATE, run.billDate().toString());
    p.setProperty(RUN_NO, Integer.toString(run.runNo()));
    p.setProperty(CHUNK_SIZE, Integer.toString(chunkSize));
    return p;
  }

  /** The run of the job execution {@code job} belongs to. */
  public static ReconciliationStore.Run of(JobContext job) {
    Properties p = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
    return new ReconciliationStore.Run(
        p.getProperty(MCH_ID),
        LocalDate.parse(p.getProperty(BILL_DATE)),
        Integer.parseInt(p.getProperty(RUN_NO)));
  }
}
