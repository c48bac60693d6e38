package io.paydesk.admin.security;

import io.paydesk.platform.audit.StaffRequest;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
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
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class StaffRequestFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject StaffRequest staffRequest;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    staffRequest.set(request.getRemoteUser(), request.getRemoteAddr());
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/admin/")) {
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("X-Frame-Options", "SAMEORIGIN");
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Referrer-Policy", "same-origin");
    }
    chain.doFilter(request, response);
  }
}
