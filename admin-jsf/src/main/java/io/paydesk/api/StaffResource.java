package io.paydesk.api;

import io.paydesk.export.Exports;
import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.boundary.StaffService;
import io.paydesk.platform.staff.boundary.StaffService.StaffUserView;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.refund.boundary.RefundSearch;
import io.paydesk.refund.boundary.RefundService;
import io.paydesk.refund.boundary.RefundView;
import io.paydesk.refund.entity.OfflineMethod;
import io.paydesk.refund.entity.OfflineSettlement;
import io.paydesk.refund.entity.RefundStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * What staff do outside the console pages: approve and reject refunds (FINANCE), record a refund
 * paid offline (FINANCE), export refunds (FINANCE, ADMIN), create accounts (ADMIN). Authenticated
 * (HTTP Basic) by web.xml's constraint on /api/staff/*; each boundary method checks the role again.
 * JSON bodies only, so a cross-site form cannot post here.
 */
@RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
@Path("staff")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class StaffResource {

  @EJB RefundService refunds;
  @EJB StaffService staff;
  @EJB MerchantRegistry merchants;
  @Inject Exports exports;

  /** Body of an offline settlement: how (BANK_TRANSFER, CASH, OTHER), reference, note. */
  public static class OfflineSettlementBody {
    @NotNull(message = "method is required: BANK_TRANSFER, CASH or OTHER")
    public OfflineMethod method;

    @Size(max = 64, message = "reference has at most 64 characters")
    public String reference;

    @Size(max = 256, message = "note has at most 256 characters")
    public String note;
  }

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

  /**
   * FINANCE records that a refund WeChat could not pay to the buyer's bank card (CHANGE) was paid
   * another way; it ends the refund.
   */
  @POST
  @Path("refunds/{outRefundNo}/offline-settlement")
  @RolesAllowed(Role.FINANCE_NAME)
  public RefundView settleOffline(
      @PathParam("outRefundNo") String outRefundNo,
      @Valid @NotNull(message = "a JSON body with method, reference and note is required")
          OfflineSettlementBody body) {
    return refunds.settleOffline(
        outRefundNo, new OfflineSettlement(body.method, body.reference, body.note));
  }

  /**
   * Refunds as a CSV file (UTF-8 with BOM, for Excel), filtered by status, the Beijing-time or
   * ISO-8601 instants {@code from} (inclusive) and {@code to} (exclusive) of the request, and the
   * order; streamed. FINANCE and ADMIN.
   */
  @GET
  @Path("refunds/export")
  @Produces(CsvDownload.CSV)
  @RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
  public Response exportRefunds(
      @QueryParam("status") String status,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("orderNo") String orderNo,
      @Context HttpHeaders headers) {
    RefundSearch.Criteria criteria =
        new RefundSearch.Criteria(
            QueryParams.oneOf(RefundStatus.class, status, "status"),
            QueryParams.instant(from, "from"),
            QueryParams.instant(to, "to"),
            orderNo,
            null,
            RefundSearch.MAX_PAGE_SIZE);
    var locale = CsvDownload.locale(headers);
    return CsvDownload.of("refunds.csv", out -> exports.refunds(criteria, locale, out));
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
