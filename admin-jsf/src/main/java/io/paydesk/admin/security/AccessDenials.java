package io.paydesk.admin.security;

import io.paydesk.platform.audit.boundary.AuditLog;
import io.paydesk.platform.audit.entity.AuditOutcome;
import io.paydesk.platform.audit.entity.AuditRecord;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Audits refusals by role: a page or URL that web.xml forbids (the container's 403), a staff API
 * call whose boundary method refused the caller's role (403 problem), and a console action refused
 * the same way. Such calls never reach the audited boundary method, so they are recorded here.
 */
@ApplicationScoped
public class AccessDenials {

  static final String RECORDED = "io.paydesk.admin.access-denial-audited";

  @EJB AuditLog audit;
  @Inject ClientAddress addresses;

  /** Records one refusal of this request (once, however many layers notice it). */
  public void record(HttpServletRequest request, String target) {
    if (request.getAttribute(RECORDED) != null) {
      return;
    }
    request.setAttribute(RECORDED, Boolean.TRUE);
    String user = request.getRemoteUser();
    audit.record(
        new AuditRecord(
            user == null ? "(anonymous)" : user,
            "access.denied",
            target,
            addresses.of(request),
            AuditOutcome.REFUSED,
            request.getMethod() + " refused for the caller's role"));
  }
}
