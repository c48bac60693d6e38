package io.paydesk.platform.error.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A business rule said no. It reaches the caller as it is (not wrapped by the EJB container) and
 * rolls the transaction back, so a refused request changes nothing.
 */
@ApplicationException(rollback = true)
public class PayDeskException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public PayDeskException(ErrorCode code, String detail) {
    super(detail);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
