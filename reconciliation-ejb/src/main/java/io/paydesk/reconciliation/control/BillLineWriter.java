package io.paydesk.reconciliation.control;

import io.paydesk.gateway.boundary.BillEntry;
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
 * Hands a chunk's lines to {@link BillMatching}, which stages, matches and records them in one
 * transaction of its own (see there for why not the chunk's).
 */
@Named("reconciliationBillLineWriter")
@Dependent
public class BillLineWriter extends AbstractItemWriter {

  @Inject JobContext job;
  @EJB BillMatching matching;

  private ReconciliationStore.Run run;

  @Override
  public void open(Serializable checkpoint) {
    run = JobRun.of(job);
  }

  @Override
  public void writeItems(List<Object> items) {
    List<BillEntry> lines = new ArrayList<>(items.size());
    for (Object item : items) {
      lines.add((BillEntry) item);
    }
    matching.applyChunk(run, lines);
  }
}
