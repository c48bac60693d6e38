package io.paydesk.admin.security;

import io.paydesk.platform.staff.boundary.StaffLogins;
import io.paydesk.platform.staff.entity.Role;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The logged-in member of staff, for pages ({@code #{currentStaff.name}}, {@code
 * #{currentStaff.admin}}) and the logout button (a POST, never a GET link).
 */
@Named
@RequestScoped
public class CurrentStaff {

  @Inject ClientAddress addresses;
  @Inject ExternalContext external;
  @EJB StaffLogins logins;

  public boolean isLoggedIn() {
    return external.getRemoteUser() != null;
  }

  public String getName() {
    return external.getRemoteUser();
  }

  public boolean isSupport() {
    return external.isUserInRole(Role.SUPPORT_NAME);
  }

  public boolean isFinance() {
    return external.isUserInRole(Role.FINANCE_NAME);
  }

  public boolean isAdmin() {
    return external.isUserInRole(Role.ADMIN_NAME);
  }

  /** Any of the given roles (names separated by commas). */
  public boolean hasAnyRole(String roles) {
    for (String role : roles.split(",")) {
      if (external.isUserInRole(role.trim())) {
        return true;
      }
    }
    return false;
  }

  public void logout() throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    String name = request.getRemoteUser();
    if (name != null) {
      logins.loggedOut(name, addresses.of(request));
    }
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    external.redirect(
        request.getContextPath() + StaffAuthenticationMechanism.LOGIN_PAGE + "?loggedOut=true");
  }
}
