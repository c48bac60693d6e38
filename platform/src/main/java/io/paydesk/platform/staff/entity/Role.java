package io.paydesk.platform.staff.entity;

/**
 * What staff may do. SUPPORT views orders and ships; FINANCE approves and rejects refunds; ADMIN
 * manages users and settings. A user may hold several.
 *
 * <p>The {@code *_NAME} constants are the same names for annotations
 * ({@code @RolesAllowed(Role.FINANCE_NAME)}, {@code @DeclareRoles}): every module names roles
 * through them. Only admin-jsf's web.xml spells them out, as XML cannot refer to Java; a test keeps
 * all three in step.
 */
public enum Role {
  SUPPORT,
  FINANCE,
  ADMIN;

  public static final String SUPPORT_NAME = "SUPPORT";
  public static final String FINANCE_NAME = "FINANCE";
  public static final String ADMIN_NAME = "ADMIN";
}
