package io.paydesk.admin.security;

import io.paydesk.admin.security.AttemptLimits.Kind;
import io.paydesk.platform.audit.boundary.AuditLog;
import io.paydesk.platform.audit.entity.AuditOutcome;
import io.paydesk.platform.audit.entity.AuditRecord;
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
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * StaffLogins}); logins, failures and logouts are audited with the client's address. Failed logins
 * and failed API keys are also limited per account and per address ({@link AttemptLimits}): past
 * the limit, an attempt is answered 429 with {@code Retry-After} before any password is hashed, and
 * the refusal is audited.
 */
@ApplicationScoped
public class StaffAuthenticationMechanism implements HttpAuthenticationMechanism {

  /** Session attribute: the logged-in staff user's name. */
  static final String SESSION_USER = "io.paydesk.admin.staff-user";

  /** Session attribute: the console URL a GET asked for before the login. */
  static final String NEXT = "io.paydesk.admin.next";

  static final String LOGIN_PAGE = "/admin/login.xhtml";

  /** Request attribute: the form login was refused for too many failures; seconds to wait. */
  static final String TOO_MANY = "io.paydesk.admin.too-many-attempts";

  private static final Logger LOG = Logger.getLogger(StaffAuthenticationMechanism.class.getName());

  /** An API key's public id, which the limits count as its account. */
  private static final Pattern KEY_ID = Pattern.compile("pdk\\.([0-9a-f]{16})\\..*");

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

  /**
   * Each merchant's notify URLs (issue 18), v2 and v3: the same four, followed by the merchant's
   * mch_id (an unknown one is answered FAIL by the boundary, like a bad signature).
   */
  static final java.util.regex.Pattern OPEN_TO_WECHAT_PER_MERCHANT =
      java.util.regex.Pattern.compile("/api/wechat/(v3/)?notify/(pay|refund)/[0-9A-Za-z_-]{1,64}");

  @Inject IdentityStoreHandler identityStores;
  @EJB StaffLogins logins;
  @EJB ApiClients clients;
  @EJB AuditLog audit;
  @Inject AttemptLimits limits;
  @Inject ClientAddress addresses;
  @Inject RememberedBasicLogins remembered;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      if (OPEN_TO_WECHAT.contains(path) || OPEN_TO_WECHAT_PER_MERCHANT.matcher(path).matches()) {
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
      return formLogin(login, request, response, context);
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
      UsernamePasswordCredential login,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context) {
    String address = addresses.of(request);
    Optional<Duration> wait = limits.refusal(Kind.LOGIN, login.getCaller(), address);
    if (wait.isPresent()) {
      long seconds = refused(Kind.LOGIN, login.getCaller(), address, "form", wait.get());
      request.setAttribute(TOO_MANY, seconds);
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(seconds));
      return AuthenticationStatus.SEND_FAILURE;
    }
    if (logins.locked(login.getCaller())) {
      limits.failed(Kind.LOGIN, login.getCaller(), address);
      logins.failed(login.getCaller(), address, Channel.FORM, true);
      return AuthenticationStatus.SEND_FAILURE;
    }
    CredentialValidationResult result = identityStores.validate(login);
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      limits.failed(Kind.LOGIN, login.getCaller(), address);
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
    String address = addresses.of(request);
    Matcher id = KEY_ID.matcher(token);
    String keyId = id.matches() ? id.group(1) : null;
    // an address past its limit is refused before anything is looked up; a key id past its limit
    // only for failures: checking a key is cheap (one SHA-256), and a right key is never locked
    // out by somebody else's forgeries
    Optional<Duration> wait = limits.refusal(Kind.API_KEY, null, address);
    if (wait.isPresent()) {
      return tooMany(response, refused(Kind.API_KEY, keyId, address, target, wait.get()));
    }
    Optional<ApiClients.Caller> caller =
        clients.authenticate(
            token, address, target.length() > 128 ? target.substring(0, 128) : target);
    if (caller.isEmpty()) {
      wait = limits.refusal(Kind.API_KEY, keyId, address);
      if (wait.isPresent()) {
        return tooMany(response, refused(Kind.API_KEY, keyId, address, target, wait.get()));
      }
      limits.failed(Kind.API_KEY, keyId, address);
      return challenge(response, context);
    }
    return context.notifyContainerAboutLogin(caller.get().name(), caller.get().groups());
  }

  private AuthenticationStatus basic(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      // no anonymous caller anywhere under /api; audited like any refusal, once per address and
      // window (a scanner's flood goes to the log only)
      String address = addresses.of(request);
      String target = request.getMethod() + " " + request.getRequestURI();
      if (limits.firstRefusal(Kind.NO_CREDENTIALS, null, address)) {
        audit.record(
            new AuditRecord(
                "(anonymous)",
                "api.authenticate",
                target.length() > 128 ? target.substring(0, 128) : target,
                address,
                AuditOutcome.REFUSED,
                "no credentials (further calls without credentials from this address in this"
                    + " window are not audited)"));
      }
      LOG.fine(() -> "call without credentials refused address=" + address + " " + target);
      return challenge(response, context);
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
    String password = decoded.substring(colon + 1);
    String address = addresses.of(request);
    Optional<Duration> wait = limits.refusal(Kind.LOGIN, user, address);
    if (wait.isPresent()) {
      return tooMany(response, refused(Kind.LOGIN, user, address, "basic", wait.get()));
    }
    // verified a moment ago with the password the account still has: no second PBKDF2
    String fingerprint = remembered.fingerprint(user, password);
    Optional<StaffLogins.Standing> standing = logins.standing(user);
    if (standing.isPresent()
        && !standing.get().locked()
        && remembered.verified(fingerprint, user, standing.get().passwordStamp())) {
      return context.notifyContainerAboutLogin(user, standing.get().roles());
    }
    if (logins.locked(user)) {
      limits.failed(Kind.LOGIN, user, address);
      logins.failed(user, address, Channel.BASIC, true);
      return challenge(response, context);
    }
    CredentialValidationResult result =
        identityStores.validate(new UsernamePasswordCredential(user, password));
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      limits.failed(Kind.LOGIN, user, address);
      logins.failed(user, address, Channel.BASIC, false);
      return challenge(response, context);
    }
    logins.strengthen(result.getCallerPrincipal().getName(), password.toCharArray());
    logins.succeeded(result.getCallerPrincipal().getName(), address, Channel.BASIC);
    remembered.remember(
        fingerprint, user, logins.standing(user).map(StaffLogins.Standing::passwordStamp));
    return context.notifyContainerAboutLogin(result);
  }

  /**
   * An attempt refused by the limits: audited (the first per account, address and window; a flood
   * is only logged) and answers how many seconds to wait.
   */
  private long refused(Kind kind, String account, String address, String what, Duration wait) {
    long seconds = AttemptLimits.retryAfterSeconds(wait);
    String actor =
        account == null || account.isBlank()
            ? "(none)"
            : kind == Kind.API_KEY ? "key:" + account : account;
    if (limits.firstRefusal(kind, account, address)) {
      audit.record(
          new AuditRecord(
              actor,
              kind == Kind.LOGIN ? "login" : "api.authenticate",
              kind == Kind.LOGIN ? actor : what.length() > 128 ? what.substring(0, 128) : what,
              address,
              AuditOutcome.REFUSED,
              (kind == Kind.LOGIN ? what + ": " : "")
                  + "too many failed attempts; refused for "
                  + seconds
                  + " s (further refusals in this window are not audited)"));
    }
    LOG.info(
        () -> "attempt refused kind=" + kind + " address=" + address + " retryAfter=" + seconds);
    return seconds;
  }

  /** 429 with {@code Retry-After} and a problem body. */
  private static AuthenticationStatus tooMany(HttpServletResponse response, long seconds) {
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    try {
      response
          .getWriter()
          .write(
              "{\"type\":\"https://paydesk.io/problems/too-many-attempts\","
                  + "\"title\":\"Too many failed attempts\",\"status\":429,"
                  + "\"detail\":\"too many failed attempts with this account or from this address;"
                  + " try again in "
                  + seconds
                  + " s\",\"code\":\"TOO_MANY_ATTEMPTS\",\"violations\":[]}");
      response.flushBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
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
