package io.paydesk.api;

import io.paydesk.platform.client.entity.Scope;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.refund.boundary.RefundService;
import io.paydesk.refund.boundary.RefundView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Refunds as the shop sees them (requests are made under the order: {@code POST
 * /api/orders/{orderNo}/refunds}). Approving and rejecting is staff's (the console), never this
 * API's: a request waits for approval unless it is below the automatic-approval amount.
 */
@Path("refunds")
@Produces(MediaType.APPLICATION_JSON)
public class RefundResource {

  @EJB RefundService refunds;
  @EJB ClientMerchant clientMerchant;
  @Context SecurityContext security;

  /** Body of a refund request. Amounts are fen. */
  public static class RefundRequest {
    @NotNull(message = "amount is required (in fen)")
    @Positive(message = "amount must be a positive number of fen")
    public Long amount;

    @NotBlank(message = "reason is required")
    @Size(max = 256, message = "reason has at most 256 characters")
    public String reason;

    @NotBlank(message = "requestId is required: the same requestId returns the same refund")
    @Size(max = 64, message = "requestId has at most 64 characters")
    public String requestId;
  }

  @GET
  @Path("{outRefundNo}")
  @RolesAllowed(Scope.REFUNDS_READ_NAME)
  public RefundView find(@PathParam("outRefundNo") String outRefundNo) {
    RefundView refund = refunds.find(outRefundNo);
    if (!clientMerchant.owns(security, refund.orderNo())) {
      throw new PayDeskException(ErrorCode.REFUND_NOT_FOUND, "no refund " + outRefundNo);
    }
    return refund;
  }
}
