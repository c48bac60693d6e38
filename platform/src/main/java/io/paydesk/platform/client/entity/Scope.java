package io.paydesk.platform.client.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API client may do. A client's scopes are its groups once it is authenticated, so boundary
 * methods and resources name them in {@code @RolesAllowed} like staff roles (the {@code *_NAME}
 * constants).
 */
public enum Scope {
  ORDERS_WRITE(Scope.ORDERS_WRITE_NAME),
  ORDERS_READ(Scope.ORDERS_READ_NAME),
  PAYMENTS_WRITE(Scope.PAYMENTS_WRITE_NAME),
  SHIPMENTS_WRITE(Scope.SHIPMENTS_WRITE_NAME),
  REFUNDS_REQUEST(Scope.REFUNDS_REQUEST_NAME),
  REFUNDS_READ(Scope.REFUNDS_READ_NAME);

  public static final String ORDERS_WRITE_NAME = "orders:write";
  public static final String ORDERS_READ_NAME = "orders:read";
  public static final String PAYMENTS_WRITE_NAME = "payments:write";
  public static final String SHIPMENTS_WRITE_NAME = "shipments:write";
  public static final String REFUNDS_REQUEST_NAME = "refunds:request";
  public static final String REFUNDS_READ_NAME = "refunds:read";

  private final String value;

  Scope(String value) {
    this.value = value;
  }

  /** The scope as clients and {@code @RolesAllowed} spell it ({@code orders:write}). */
  public String value() {
    return value;
  }

  public static Optional<Scope> of(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }
}
