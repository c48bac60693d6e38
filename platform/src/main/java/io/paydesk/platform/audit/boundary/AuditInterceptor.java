package io.paydesk.platform.audit.boundary;

import io.paydesk.platform.audit.entity.AuditOutcome;
import io.paydesk.platform.audit.entity.AuditRecord;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Audits {@link Audited} boundary methods called by a member of staff. It runs inside the method's
 * transaction: a done action's row commits with it; a refused one (any exception, after which the
 * action's transaction rolls back) is recorded in a transaction of its own with the reason, and the
 * exception goes on unchanged. Only the outermost audited call of a request is recorded. A role
 * refused by {@code @RolesAllowed} never reaches the method: the web layer audits those.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {

  @Inject StaffRequest request;
  // CDI, not @EJB: an interceptor's @EJB reference is looked up in the intercepted bean's
  // module, where an EAR's other EJB modules have no such name
  @Inject AuditLog log;

  @AroundInvoke
  public Object audit(InvocationContext invocation) throws Exception {
    String actor;
    try {
      actor = request.actor();
    } catch (ContextNotActiveException e) {
      actor = null;
    }
    if (actor == null) {
      return invocation.proceed();
    }
    if (!request.enter()) {
      try {
        return invocation.proceed(); // an audited call inside another: the outer one is recorded
      } finally {
        request.leave();
      }
    }
    try {
      Audited audited = audited(invocation);
      String action =
          audited.value().isBlank()
              ? invocation.getMethod().getDeclaringClass().getSimpleName()
                  + "."
                  + invocation.getMethod().getName()
              : audited.value();
      String target = parameter(invocation, audited.target());
      String detail = parameter(invocation, audited.detail());
      try {
        Object result = invocation.proceed();
        log.record(
            new AuditRecord(actor, action, target, request.address(), AuditOutcome.DONE, detail));
        return result;
      } catch (Exception e) {
        String why = detail == null ? reason(e) : reason(e) + " (" + detail + ")";
        log.recordApart(
            new AuditRecord(actor, action, target, request.address(), AuditOutcome.REFUSED, why));
        throw e;
      }
    } finally {
      request.leave();
    }
  }

  private static Audited audited(InvocationContext invocation) {
    Audited audited = invocation.getMethod().getAnnotation(Audited.class);
    return audited != null
        ? audited
        : invocation.getMethod().getDeclaringClass().getAnnotation(Audited.class);
  }

  private static String parameter(InvocationContext invocation, int index) {
    Object[] parameters = invocation.getParameters();
    if (index < 0 || parameters == null || index >= parameters.length) {
      return null;
    }
    Object value = parameters[index];
    return value == null || value instanceof char[] ? null : String.valueOf(value);
  }

  private static String reason(Exception e) {
    if (e instanceof PayDeskException p) {
      return p.code() + ": " + p.getMessage();
    }
    return e.getClass().getSimpleName();
  }
}
