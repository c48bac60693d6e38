package io.paydesk.reconciliation.control;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * A job that ends without completing its run (an error, a stop) leaves the run waiting: it is tried
 * again on the backoff and resumes after its last committed chunk.
 */
@Named("reconciliationJobListener")
@Dependent
public class ReconciliationJobListener extends AbstractJobListener {

  @Inject JobContext job;
  @EJB ReconciliationStore store;
  @EJB ReconciliationSettings settings;

  @Override
  public void afterJob() {
    if (job.getBatchStatus() == BatchStatus.COMPLETED) {
      return;
    }
    ReconciliationStore.Run run = JobRun.of(job);
    store.breakOff(
        run,
        settings.nextTry(run.key()),
        "job ended " + job.getBatchStatus() + " exitStatus=" + job.getExitStatus());
  }
}
