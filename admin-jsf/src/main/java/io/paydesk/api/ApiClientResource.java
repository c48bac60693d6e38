package io.paydesk.api;

import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.platform.client.boundary.ApiClients;
import io.paydesk.platform.client.boundary.ApiClients.ApiClientView;
import io.paydesk.platform.client.boundary.ApiClients.IssuedKey;
import io.paydesk.platform.client.entity.Scope;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * API clients for administrators (HTTP Basic, ADMIN): create one (the answer carries its key, shown
 * this once), rotate its key (the old one keeps working for a grace period), revoke one key or the
 * whole client, change its scopes. JSON bodies only.
 */
@RolesAllowed(Role.ADMIN_NAME)
@Path("staff/clients")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ApiClientResource {

  @EJB ApiClients clients;
  @EJB MerchantRegistry merchants;

  @Context UriInfo uri;

  /** Body of a new client. */
  public static class NewClient {
    @NotBlank(message = "name is required")
    @Size(max = 48, message = "name has at most 48 characters")
    public String name;

    @NotEmpty(message = "at least one scope, e.g. orders:write")
    public Set<String> scopes;

    /** The mch_id of the merchant the client acts for; absent: the first merchant. */
    @Size(max = 32, message = "merchant is a mch_id of at most 32 digits")
    public String merchant;
  }

  /** Body of a rotation; {@code grace} is an ISO-8601 duration (default PT24H). */
  public static class Rotation {
    @Size(max = 16, message = "grace is an ISO-8601 duration such as PT24H")
    public String grace;
  }

  /** Body of a change of scopes. */
  public static class Scopes {
    @NotEmpty(message = "at least one scope, e.g. orders:write")
    public Set<String> scopes;
  }

  @GET
  public List<ApiClientView> list() {
    return clients.list();
  }

  @GET
  @Path("{name}")
  public ApiClientView find(@PathParam("name") String name) {
    return clients.find(name);
  }

  @POST
  public Response create(@Valid @NotNull(message = "a JSON body is required") NewClient body) {
    String merchant = body.merchant == null || body.merchant.isBlank() ? null : body.merchant;
    if (merchant != null && merchants.lookup(merchant).isEmpty()) {
      throw new PayDeskException(ErrorCode.MERCHANT_NOT_FOUND, "no merchant " + merchant);
    }
    IssuedKey issued = clients.create(body.name, scopes(body.scopes), merchant);
    return Response.created(uri.getAbsolutePathBuilder().path(issued.client()).build())
        .entity(issued)
        .build();
  }

  @POST
  @Path("{name}/keys")
  public Response rotate(@PathParam("name") String name, @Valid Rotation body) {
    Duration grace;
    try {
      grace = body == null || body.grace == null ? null : Duration.parse(body.grace);
    } catch (DateTimeParseException e) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "grace is an ISO-8601 duration such as PT24H");
    }
    IssuedKey issued = clients.rotate(name, grace);
    return Response.status(Response.Status.CREATED).entity(issued).build();
  }

  @DELETE
  @Path("{name}/keys/{keyId}")
  public ApiClientView revokeKey(@PathParam("name") String name, @PathParam("keyId") String keyId) {
    return clients.revokeKey(name, keyId);
  }

  @DELETE
  @Path("{name}")
  public ApiClientView revoke(@PathParam("name") String name) {
    return clients.revoke(name);
  }

  @PUT
  @Path("{name}/scopes")
  public ApiClientView assignScopes(
      @PathParam("name") String name,
      @Valid @NotNull(message = "a JSON body is required") Scopes body) {
    return clients.assignScopes(name, scopes(body.scopes));
  }

  private static Set<Scope> scopes(Set<String> values) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String value : values) {
      scopes.add(
          Scope.of(value)
              .orElseThrow(
                  () ->
                      new PayDeskException(
                          ErrorCode.INVALID_REQUEST,
                          "unknown scope "
                              + value
                              + "; known: orders:write, orders:read, payments:write,"
                              + " shipments:write, refunds:request, refunds:read")));
    }
    return scopes;
  }
}
