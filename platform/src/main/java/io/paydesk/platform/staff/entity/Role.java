package io.paydesk.platform.staff.entity;

/**
 * What staff may do. SUPPORT views orders and ships; FINANCE approves and rejects refunds; ADMIN
 * manages users and settings. A user may hold several.
 */
public enum Role {
  SUPPORT,
  FINANCE,
  ADMIN;

  public static final String SUPPORT_NAME = "SUPPORT";
  public static final String FINANCE_NAME = "FINANCE";
  public static final String ADMIN_NAME = "ADMIN";
}
