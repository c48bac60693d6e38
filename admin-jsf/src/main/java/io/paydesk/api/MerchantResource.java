package io.paydesk.api;

import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.merchant.entity.ApiV3Keys;
import io.paydesk.merchant.entity.ApiVersion;
import io.paydesk.merchant.entity.MerchantSettings;
import io.paydesk.merchant.entity.SecretReference;
import io.paydesk.merchant.entity.ServiceProvider;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import java.util.List;

/**
 * The merchants for staff over HTTP: every role may list them (the console's merchant filter);
 * administrators register, change, disable and enable them. Secrets are given by reference ({@code
 * file:/path}, {@code env:NAME}, {@code alias:name}, {@code config:key}) and shown only as such.
 */
@RolesAllowed(Role.ADMIN_NAME)
@Path("staff/merchants")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MerchantResource {

  @EJB MerchantRegistry registry;

  @Context UriInfo uri;

  /** A merchant's settings; {@code mchId} only when it is registered. */
  public static class Body {
    @Size(max = 32, message = "mchId has at most 32 digits")
    public String mchId;

    @NotBlank(message = "appId is required")
    @Size(max = 32, message = "appId has at most 32 characters")
    public String appId;

    @NotBlank(message = "name is required")
    @Size(max = 64, message = "name has at most 64 characters")
    public String name;

    @Size(max = 255, message = "apiKeyRef has at most 255 characters")
    public String apiKeyRef;

    @Size(max = 255, message = "certificateRef has at most 255 characters")
    public String certificateRef;

    @Size(max = 255, message = "certificatePasswordRef has at most 255 characters")
    public String certificatePasswordRef;

    @Size(max = 8, message = "apiVersion is V2 or V3")
    public String apiVersion;

    @Size(max = 32, message = "spMchId has at most 32 digits")
    public String spMchId;

    @Size(max = 32, message = "spAppId has at most 32 characters")
    public String spAppId;

    @Size(max = 32, message = "subAppId has at most 32 characters")
    public String subAppId;

    @Size(max = 255, message = "v3PrivateKeyRef has at most 255 characters")
    public String v3PrivateKeyRef;

    @Size(max = 64, message = "v3CertificateSerial has at most 64 hexadecimal digits")
    public String v3CertificateSerial;

    @Size(max = 255, message = "apiV3KeyRef has at most 255 characters")
    public String apiV3KeyRef;

    @Size(max = 64, message = "v3PublicKeyId has at most 64 characters")
    public String v3PublicKeyId;

    @Size(max = 255, message = "v3PublicKeyRef has at most 255 characters")
    public String v3PublicKeyRef;

    MerchantSettings settings() {
      ApiVersion version = version(apiVersion);
      if (version == ApiVersion.V2 && blank(apiKeyRef)) {
        throw new PayDeskException(
            ErrorCode.INVALID_REQUEST,
            "apiKeyRef is required: file:/path, env:NAME, alias:name or config:key");
      }
      return new MerchantSettings(
          appId,
          name,
          SecretReference.parseOptional(apiKeyRef),
          SecretReference.parseOptional(certificateRef),
          SecretReference.parseOptional(certificatePasswordRef),
          version,
          blank(spMchId) && blank(spAppId) && blank(subAppId)
              ? null
              : new ServiceProvider(spMchId, spAppId, subAppId),
          apiV3Keys());
    }

    /** None when every v3 field is blank; otherwise the references parsed (the entity checks). */
    private ApiV3Keys apiV3Keys() {
      return ApiV3Keys.ofText(
          v3PrivateKeyRef, v3CertificateSerial, apiV3KeyRef, v3PublicKeyId, v3PublicKeyRef);
    }
  }

  // Any staff role: the console and scripts filter orders by merchant.
  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
  @GET
  public List<MerchantView> list() {
    return registry.list();
  }

  // Any staff role, as list().
  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
  @GET
  @Path("{mchId}")
  public MerchantView find(@PathParam("mchId") String mchId) {
    return registry.find(mchId);
  }

  @POST
  public Response register(@Valid @NotNull(message = "a JSON body is required") Body body) {
    MerchantView merchant = registry.register(body.mchId, body.settings());
    return Response.created(uri.getAbsolutePathBuilder().path(merchant.mchId()).build())
        .entity(merchant)
        .build();
  }

  @PUT
  @Path("{mchId}")
  public MerchantView change(
      @PathParam("mchId") String mchId,
      @Valid @NotNull(message = "a JSON body is required") Body body) {
    return registry.change(mchId, body.settings());
  }

  @POST
  @Path("{mchId}/disable")
  public MerchantView disable(@PathParam("mchId") String mchId) {
    return registry.disable(mchId);
  }

  @POST
  @Path("{mchId}/enable")
  public MerchantView enable(@PathParam("mchId") String mchId) {
    return registry.enable(mchId);
  }

  static ApiVersion version(String value) {
    if (blank(value)) {
      return ApiVersion.V2;
    }
    try {
      return ApiVersion.valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw new PayDeskException(ErrorCode.INVALID_REQUEST, "apiVersion is V2 or V3");
    }
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
