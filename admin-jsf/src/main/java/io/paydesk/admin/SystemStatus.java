package io.paydesk.admin;

import io.paydesk.erp.outbox.boundary.OutboxStatus;
import io.paydesk.erp.outbox.control.OutboxStore;
import io.paydesk.platform.database.boundary.SchemaMigration;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** What the status page shows: the schema this node migrated to and the outbox backlog. */
@Named
@RequestScoped
public class SystemStatus {

  @EJB SchemaMigration schema;
  @EJB OutboxStatus outbox;

  private OutboxStore.Backlog backlog;

  public String getSchemaVersion() {
    return schema.version();
  }

  public OutboxStore.Backlog getBacklog() {
    if (backlog == null) {
      backlog = outbox.backlog();
    }
    return backlog;
  }
}
