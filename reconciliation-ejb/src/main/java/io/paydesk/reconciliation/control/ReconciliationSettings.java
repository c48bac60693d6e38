package io.paydesk.reconciliation.control;

import io.paydesk.platform.job.boundary.Backoff;
import io.paydesk.reconciliation.entity.DayKey;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reconciliation's configuration, read once per use. */
@Stateless
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
public class ReconciliationSettings {

  @Inject
  @ConfigProperty(name = "paydesk.reconciliation.daily-at", defaultValue = "10:30")
  String dailyAt;

  @Inject
  @ConfigProperty(name = "paydesk.reconciliation.backoff", defaultValue = "PT15M,PT30M,PT1H")
  String backoff;

  @Inject
  @ConfigProperty(name = "paydesk.reconciliation.chunk-size", defaultValue = "5000")
  int chunkSize;

  @EJB ReconciliationStore store;

  /** When the previous day is reconciled, Beijing time; empty when the schedule is off. */
  public Optional<LocalTime> dailyAt() {
    return "off".equalsIgnoreCase(dailyAt.strip())
        ? Optional.empty()
        : Optional.of(LocalTime.parse(dailyAt.strip()));
  }

  public int chunkSize() {
    return chunkSize;
  }

  /**
   * When a run of the merchant's date that could not go on is tried again (by its tries so far).
   */
  public Instant nextTry(DayKey day) {
    return Backoff.parse(backoff).next(store.tries(day) - 1, Instant.now());
  }
}
