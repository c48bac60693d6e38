package io.paydesk.admin.security;

import io.paydesk.platform.audit.boundary.StaffRequest;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Tells the audit trail who acts in this request and from which address ({@link StaffRequest}), and
 * keeps console pages out of caches and frames. The address is the TCP peer's: a proxy's
 * X-Forwarded-For is not trusted, since any client could forge it.
 */
@WebFilter(
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class StaffRequestFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject StaffRequest staffRequest;
  @Inject AccessDenials denials;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getDispatcherType() == DispatcherType.ERROR) {
      // web.xml refused the URL to this role: the 403 page is being shown
      if (Integer.valueOf(403).equals(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE))) {
        denials.record(request, (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
      }
      chain.doFilter(request, response);
      return;
    }
    staffRequest.set(request.getRemoteUser(), request.getRemoteAddr());
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/admin/")) {
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("X-Frame-Options", "SAMEORIGIN");
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Referrer-Policy", "same-origin");
    }
    chain.doFilter(request, response);
    if (response.getStatus() == 403 && request.getRemoteUser() != null) {
      // a boundary method refused the caller's role (the staff API's 403 problem)
      denials.record(request, request.getRequestURI());
    }
  }
}
