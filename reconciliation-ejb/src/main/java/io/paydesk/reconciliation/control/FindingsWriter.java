package io.paydesk.reconciliation.control;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches a chunk's lines against PayDesk and records the discrepancies, the figures and the
 * progress, in one transaction of their own (see {@link ReconciliationStore} for why not the
 * chunk's).
 */
@Named("reconciliationFindingsWriter")
@Dependent
public class FindingsWriter extends AbstractItemWriter {

  @Inject JobContext job;
  @EJB ReconciliationStore store;

  private ReconciliationStore.Run run;

  @Override
  public void open(Serializable checkpoint) {
    run = JobRun.of(job);
  }

  @Override
  public void writeItems(List<Object> items) {
    List<BillLine> lines = new ArrayList<>(items.size());
    for (Object item : items) {
      lines.add((BillLine) item);
    }
    store.applyChunk(run, lines);
  }
}
