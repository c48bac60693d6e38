package io.paydesk.api;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Enforces each resource method's declaration of who may call it ({@code @RolesAllowed} with staff
 * roles and API scopes, {@code @PermitAll}, {@code @DenyAll}; on the method, else on the class)
 * before the method runs, so that an API client is refused with a 403 problem naming the scope it
 * lacks, whatever the boundary method behind it allows for its other callers (the ERP, the
 * janitors). A method without a declaration is refused: forgetting one fails closed.
 */
@Provider
public class CallerRoles implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (method.isAnnotationPresent(PermitAll.class)
        || (!method.isAnnotationPresent(RolesAllowed.class)
            && !method.isAnnotationPresent(DenyAll.class)
            && type.isAnnotationPresent(PermitAll.class))) {
      return;
    }
    RolesAllowed allowed =
        method.isAnnotationPresent(RolesAllowed.class)
            ? method.getAnnotation(RolesAllowed.class)
            : method.isAnnotationPresent(DenyAll.class)
                ? null
                : type.getAnnotation(RolesAllowed.class);
    String[] roles = allowed == null ? new String[0] : allowed.value();
    context.register(new Check(roles));
  }

  // before any other authorization filter (Jersey's own @RolesAllowed feature, when the server
  // registers it, would answer a bare 403 without naming the missing scope)
  @Priority(Priorities.AUTHORIZATION - 100)
  static final class Check implements ContainerRequestFilter {
    private final String[] roles;

    Check(String[] roles) {
      this.roles = roles.clone();
    }

    @Override
    public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
      var security = request.getSecurityContext();
      if (security.getUserPrincipal() == null) {
        throw new PayDeskException(ErrorCode.UNAUTHENTICATED, "log in or send an API key");
      }
      if (Arrays.stream(roles).noneMatch(security::isUserInRole)) {
        throw new PayDeskException(
            ErrorCode.FORBIDDEN,
            roles.length == 0
                ? "nobody may call this"
                : "this needs one of: " + String.join(", ", roles));
      }
    }
  }
}
