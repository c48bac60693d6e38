package io.paydesk.platform.audit.boundary;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A staff action worth an audit row: put it on a boundary method. When a member of staff calls it
 * (see {@link StaffRequest}), {@link AuditInterceptor} records who did {@link #value() what} to
 * which {@link #target() target}, from which address, and whether it was done or refused.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface Audited {

  /** What was done, e.g. {@code "order.ship"}. */
  @Nonbinding
  String value() default "";

  /** Index of the parameter that names the target (its {@code toString()}), or -1 for none. */
  @Nonbinding
  int target() default 0;

  /**
   * Index of a parameter worth keeping as the detail (a reason, the new roles, a shipment), or -1.
   * Never a secret: passwords are {@code char[]} and are not recorded.
   */
  @Nonbinding
  int detail() default -1;
}
