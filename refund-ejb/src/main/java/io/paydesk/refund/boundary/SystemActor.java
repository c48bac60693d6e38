package io.paydesk.refund.boundary;

/**
 * A trusted system that may approve refunds through {@link RefundService#approveAs}, only when
 * configuration allows it and only refunds that need a single approval. Its name is recorded in the
 * history as the approver. (Automatic approval under {@code paydesk.refund.auto-approve-below} is
 * decided inside {@link RefundService#request} and records "auto"; it needs no caller.)
 */
public enum SystemActor {
  /** ERP commands, allowed by {@code paydesk.refund.erp-approval=true}. */
  ERP("system:erp");

  private final String actorName;

  SystemActor(String actorName) {
    this.actorName = actorName;
  }

  /** The name recorded in the history. */
  public String actorName() {
    return actorName;
  }
}
