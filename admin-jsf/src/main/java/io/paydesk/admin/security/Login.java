package io.paydesk.admin.security;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import io.paydesk.admin.Texts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The login form: hands the credentials to {@link StaffAuthenticationMechanism} and, on success,
 * goes where the member of staff was headed (a console URL only) or to the dashboard. A failure
 * says the same whatever went wrong, so the form does not tell which user names exist.
 */
@Named
@RequestScoped
public class Login {

  private static final Pattern CONSOLE_URL =
      Pattern.compile("/admin/[A-Za-z0-9/_.-]*(\\?[^\\s]*)?");

  @Inject SecurityContext security;
  @Inject FacesContext faces;
  @Inject ExternalContext external;

  @NotBlank(message = "{paydesk.login.username.required}")
  @Size(max = 64, message = "{paydesk.login.username.size}")
  private String username;

  @NotBlank(message = "{paydesk.login.password.required}")
  @Size(max = 128, message = "{paydesk.login.password.size}")
  private String password;

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public void login() throws IOException {
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    AuthenticationStatus status =
        security.authenticate(
            request,
            (HttpServletResponse) external.getResponse(),
            withParams()
                .credential(new UsernamePasswordCredential(username.trim(), password))
                .newAuthentication(true));
    password = null;
    switch (status) {
      case SUCCESS -> external.redirect(request.getContextPath() + next(request.getSession()));
      case SEND_CONTINUE -> faces.responseComplete();
      default -> {
        Object wait = request.getAttribute(StaffAuthenticationMechanism.TOO_MANY);
        faces.addMessage(
            null,
            new FacesMessage(
                FacesMessage.SEVERITY_ERROR,
                wait == null ? Texts.get("login.failed") : Texts.get("login.tooMany", wait),
                null));
      }
    }
  }

  private static String next(HttpSession session) {
    Object next = session.getAttribute(StaffAuthenticationMechanism.NEXT);
    session.removeAttribute(StaffAuthenticationMechanism.NEXT);
    if (next instanceof String url
        && CONSOLE_URL.matcher(url).matches()
        && !url.startsWith(StaffAuthenticationMechanism.LOGIN_PAGE)) {
      return url;
    }
    return "/admin/";
  }
}
