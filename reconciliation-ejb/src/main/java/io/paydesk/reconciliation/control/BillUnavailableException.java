package io.paydesk.reconciliation.control;

/** The bill cannot be read now; the run's state already says why and when it is tried again. */
public class BillUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BillUnavailableException(String message) {
    super(message);
  }
}
