package io.paydesk.api;

import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.boundary.StaffService;
import io.paydesk.platform.staff.boundary.StaffService.StaffUserView;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.refund.boundary.RefundService;
import io.paydesk.refund.boundary.RefundView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * What staff do outside the console pages: approve and reject refunds (FINANCE), create accounts
 * (ADMIN). Authenticated (HTTP Basic) by web.xml's constraint on /api/staff/*; each boundary method
 * checks the role again. JSON bodies only, so a cross-site form cannot post here.
 */
@RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
@Path("staff")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class StaffResource {

  @EJB RefundService refunds;
  @EJB StaffService staff;
  @EJB MerchantRegistry merchants;

  /** Body of a rejection. */
  public static class Rejection {
    @NotBlank(message = "a reason is required to reject a refund")
    @Size(max = 256, message = "reason has at most 256 characters")
    public String reason;
  }

  /** Body of a new account. */
  public static class NewStaffUser {
    @NotBlank(message = "username is required")
    public String username;

    @NotBlank(message = "password is required")
    @Size(min = 12, max = 128, message = "a password has 12 to 128 characters")
    public String password;

    @NotEmpty(message = "at least one role: SUPPORT, FINANCE or ADMIN")
    public Set<Role> roles;
  }

  @POST
  @Path("refunds/{outRefundNo}/approval")
  public RefundView approve(@PathParam("outRefundNo") String outRefundNo) {
    return refunds.approve(outRefundNo);
  }

  @POST
  @Path("refunds/{outRefundNo}/rejection")
  public RefundView reject(
      @PathParam("outRefundNo") String outRefundNo,
      @Valid @NotNull(message = "a JSON body with a reason is required") Rejection body) {
    return refunds.reject(outRefundNo, body.reason);
  }

  @POST
  @Path("users")
  public StaffUserView create(
      @Valid @NotNull(message = "a JSON body is required") NewStaffUser body) {
    return staff.create(body.username, body.password.toCharArray(), body.roles);
  }

  /** Body of a staff account's merchants: their mch_ids; empty lifts the limit (every merchant). */
  public static class Merchants {
    @NotNull(message = "merchants is a list of mch_ids, empty for every merchant")
    @Size(max = 100, message = "at most 100 merchants")
    public Set<String> merchants;
  }

  /**
   * Limits a staff account to some merchants (issue 18): it then sees only their orders, others' as
   * missing. An empty list lifts the limit.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  @PUT
  @Path("users/{username}/merchants")
  public Set<String> limitToMerchants(
      @PathParam("username") String username,
      @Valid @NotNull(message = "a JSON body is required") Merchants body) {
    for (String mchId : body.merchants) {
      if (merchants.lookup(mchId).isEmpty()) {
        throw new PayDeskException(ErrorCode.MERCHANT_NOT_FOUND, "no merchant " + mchId);
      }
    }
    return staff.limitToMerchants(username, body.merchants);
  }
}
