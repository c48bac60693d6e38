package io.paydesk.admin.security;

import io.paydesk.platform.client.boundary.ApiClients;
import io.paydesk.platform.staff.boundary.StaffLogins;
import io.paydesk.platform.staff.boundary.StaffLogins.Channel;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * PayDesk's one authentication mechanism (Jakarta Security allows one per application), with three
 * faces:
 *
 * <ul>
 *   <li><b>WeChat's notify URLs</b> ({@link #OPEN_TO_WECHAT}): no authentication at all; WeChat
 *       signs what it sends and the protocol library verifies it.
 *   <li><b>/api/*</b> with {@code Authorization: Bearer pdk.…} (the shop API): an API client's key,
 *       checked by {@link ApiClients} on every request, no session; the client's scopes become its
 *       groups. Each use and each refused key is audited with the caller's address.
 *   <li><b>/api/*</b> otherwise (the staff API): HTTP Basic on every request, no session. Any /api
 *       URL without credentials, or with wrong ones, answers 401 (a problem) with both challenges.
 *   <li><b>everything else</b> (the console under /admin): a form login. {@link Login} hands the
 *       credentials over through {@code SecurityContext.authenticate}; on success the session
 *       (given a new id against fixation) remembers the user name, and each later request re-reads
 *       the account's roles from the database, so a disabled account or a changed role takes effect
 *       at once. A protected page without a login redirects to the login page (an Ajax request gets
 *       a Faces partial-response redirect), remembering a GET's URL to return to.
 * </ul>
 *
 * Both count failures per account and refuse logins for a while after too many ({@link
 * StaffLogins}); logins, failures and logouts are audited with the client's address.
 */
@ApplicationScoped
public class StaffAuthenticationMechanism implements HttpAuthenticationMechanism {

  /** Session attribute: the logged-in staff user's name. */
  static final String SESSION_USER = "io.paydesk.admin.staff-user";

  /** Session attribute: the console URL a GET asked for before the login. */
  static final String NEXT = "io.paydesk.admin.next";

  static final String LOGIN_PAGE = "/admin/login.xhtml";
  private static final String REALM = "Basic realm=\"PayDesk staff\", charset=\"UTF-8\"";
  private static final String BEARER = "Bearer realm=\"PayDesk API\"";

  /**
   * The only URLs anybody may call without credentials: WeChat calls them from the internet and
   * cannot authenticate other than by its signature, which the protocol library verifies.
   */
  static final Set<String> OPEN_TO_WECHAT =
      Set.of(
          "/api/wechat/notify/pay",
          "/api/wechat/notify/refund",
          "/api/wechat/v3/notify/pay",
          "/api/wechat/v3/notify/refund");

  @Inject IdentityStoreHandler identityStores;
  @EJB StaffLogins logins;
  @EJB ApiClients clients;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      if (OPEN_TO_WECHAT.contains(path)) {
        return context.doNothing();
      }
      String header = request.getHeader("Authorization");
      if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return apiClient(header.substring(7).trim(), request, response, context, path);
      }
      return basic(request, response, context);
    }
    Credential credential =
        context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
    if (credential instanceof UsernamePasswordCredential login) {
      return formLogin(login, request, context);
    }
    if (path.startsWith("/jakarta.faces.resource/") && !context.isProtected()) {
      return context.doNothing(); // scripts, styles, images: no account lookup for each
    }
    HttpSession session = request.getSession(false);
    String user = session == null ? null : (String) session.getAttribute(SESSION_USER);
    if (user != null) {
      Optional<Set<String>> roles = logins.activeRoles(user);
      if (roles.isPresent()) {
        return context.notifyContainerAboutLogin(user, roles.get());
      }
      session.invalidate(); // disabled (or removed) since it logged in
    }
    if (!context.isProtected()) {
      return context.doNothing();
    }
    return toLoginPage(request, response, context, path);
  }

  private AuthenticationStatus formLogin(
      UsernamePasswordCredential login, HttpServletRequest request, HttpMessageContext context) {
    String address = request.getRemoteAddr();
    if (logins.locked(login.getCaller())) {
      logins.failed(login.getCaller(), address, Channel.FORM, true);
      return AuthenticationStatus.SEND_FAILURE;
    }
    CredentialValidationResult result = identityStores.validate(login);
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      logins.failed(login.getCaller(), address, Channel.FORM, false);
      return AuthenticationStatus.SEND_FAILURE;
    }
    String user = result.getCallerPrincipal().getName();
    logins.strengthen(user, login.getPassword().getValue());
    HttpSession session = request.getSession(true);
    if (!session.isNew()) {
      request.changeSessionId(); // no session fixation: the id before the login is worthless
    }
    session.setAttribute(SESSION_USER, user);
    session.setMaxInactiveInterval((int) logins.sessionTimeout().toSeconds());
    logins.succeeded(user, address, Channel.FORM);
    return context.notifyContainerAboutLogin(result);
  }

  private AuthenticationStatus apiClient(
      String token,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String path) {
    String target = request.getMethod() + " " + path;
    Optional<ApiClients.Caller> caller =
        clients.authenticate(
            token,
            request.getRemoteAddr(),
            target.length() > 128 ? target.substring(0, 128) : target);
    if (caller.isEmpty()) {
      return challenge(response, context);
    }
    return context.notifyContainerAboutLogin(caller.get().name(), caller.get().groups());
  }

  private AuthenticationStatus basic(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return challenge(response, context); // no anonymous caller anywhere under /api
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return challenge(response, context);
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return challenge(response, context);
    }
    String user = decoded.substring(0, colon);
    String address = request.getRemoteAddr();
    if (logins.locked(user)) {
      logins.failed(user, address, Channel.BASIC, true);
      return challenge(response, context);
    }
    CredentialValidationResult result =
        identityStores.validate(new UsernamePasswordCredential(user, decoded.substring(colon + 1)));
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      logins.failed(user, address, Channel.BASIC, false);
      return challenge(response, context);
    }
    logins.strengthen(
        result.getCallerPrincipal().getName(), decoded.substring(colon + 1).toCharArray());
    logins.succeeded(result.getCallerPrincipal().getName(), address, Channel.BASIC);
    return context.notifyContainerAboutLogin(result);
  }

  /** 401 with both challenges and a problem body that says what to send. */
  private static AuthenticationStatus challenge(
      HttpServletResponse response, HttpMessageContext context) {
    response.setHeader("WWW-Authenticate", BEARER);
    response.addHeader("WWW-Authenticate", REALM);
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    try {
      response
          .getWriter()
          .write(
              "{\"type\":\"https://paydesk.io/problems/unauthenticated\","
                  + "\"title\":\"Authentication is required\",\"status\":401,"
                  + "\"detail\":\"send an API key (Authorization: Bearer pdk.…) or a staff"
                  + " account (HTTP Basic)\",\"code\":\"UNAUTHENTICATED\",\"violations\":[]}");
      response.flushBuffer(); // committed: nothing later turns it into an error page
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  private static AuthenticationStatus toLoginPage(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String path) {
    boolean expired =
        request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    if ("GET".equals(request.getMethod()) && path.startsWith("/admin/")) {
      String query = request.getQueryString();
      request.getSession(true).setAttribute(NEXT, query == null ? path : path + "?" + query);
    }
    String login = request.getContextPath() + LOGIN_PAGE + (expired ? "?expired=true" : "");
    if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
      try {
        response.setContentType("text/xml");
        response.setCharacterEncoding("UTF-8");
        response
            .getWriter()
            .write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login
                    + "\"/></partial-response>");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return AuthenticationStatus.SEND_CONTINUE;
    }
    return context.redirect(login);
  }
}
