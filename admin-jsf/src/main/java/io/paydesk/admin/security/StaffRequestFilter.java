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
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/**
 * Tells the audit trail who acts in this request and from which address ({@link StaffRequest}), and
 * sets the browser's security headers: console pages out of caches and other sites' frames, no MIME
 * sniffing, no referrer to other sites, HSTS whenever the request came over HTTPS (directly or
 * through a trusted proxy, {@link ClientAddress}). The console's Faces pages get their
 * Content-Security-Policy from PrimeFaces (web.xml: {@code primefaces.CSP}), which puts a fresh
 * nonce on every script it renders; static pages and API answers get a policy that allows no script
 * at all. The address is the TCP peer's, or what a configured proxy says it saw.
 */
@WebFilter(
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class StaffRequestFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject StaffRequest staffRequest;
  @Inject AccessDenials denials;
  @Inject ClientAddress addresses;

  /** For pages that run no script: static HTML (the welcome and error pages). */
  static final String STATIC_POLICY =
      "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'self'";

  /** For API answers (JSON, never a document a browser should render). */
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  /** One year; sent only over HTTPS, as RFC 6797 requires. */
  static final String HSTS = "max-age=31536000";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getDispatcherType() == DispatcherType.ERROR) {
      // an error page (the session ended under a posted form, a refusal by role) is a page of its
      // own, not the postback of the form that failed: marked as a forward, PrimeFaces gives it a
      // fresh CSP nonce instead of looking for the failed form's (and failing without one)
      if (request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) == null) {
        request.setAttribute(
            RequestDispatcher.FORWARD_REQUEST_URI,
            request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
      }
      // web.xml refused the URL to this role: the 403 page is being shown
      if (Integer.valueOf(403).equals(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE))) {
        denials.record(request, (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
      }
      chain.doFilter(new WithoutForm(request), response);
      return;
    }
    staffRequest.set(request.getRemoteUser(), addresses.of(request));
    String path = request.getRequestURI().substring(request.getContextPath().length());
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("X-Frame-Options", "SAMEORIGIN");
    if (addresses.overHttps(request)) {
      response.setHeader("Strict-Transport-Security", HSTS);
    }
    if (path.startsWith("/admin/")) {
      response.setHeader("Cache-Control", "no-store");
    }
    if (path.startsWith("/api/")) {
      response.setHeader("Content-Security-Policy", API_POLICY);
    } else if (path.equals("/") || path.endsWith(".html")) {
      response.setHeader("Content-Security-Policy", STATIC_POLICY);
    }
    chain.doFilter(request, response);
    if (response.getStatus() == 403 && request.getRemoteUser() != null) {
      // a boundary method refused the caller's role (the staff API's 403 problem)
      denials.record(request, request.getRequestURI());
    }
  }

  /**
   * The request an error page sees: a GET without the failed request's parameters. A refused form
   * post carries a view state (even another session's, when hand-made), and Faces would otherwise
   * take the error page for a postback of that view and PrimeFaces would look for its CSP nonce
   * ("Missing CSP nonce", a 500 instead of the 403 page).
   */
  private static final class WithoutForm extends HttpServletRequestWrapper {

    WithoutForm(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getMethod() {
      return "GET";
    }

    @Override
    public String getParameter(String name) {
      return null;
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Map.of();
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.emptyEnumeration();
    }

    @Override
    public String[] getParameterValues(String name) {
      return null;
    }
  }
}
