package io.paydesk.api;

import io.paydesk.export.Exports;
import io.paydesk.payment.boundary.OrderCriteria;
import io.paydesk.payment.boundary.OrderPage;
import io.paydesk.payment.boundary.OrderSearch;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.refund.boundary.RefundService;
import io.paydesk.refund.boundary.RefundView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;

/**
 * The order list for staff over HTTP (any staff role, HTTP Basic by web.xml's constraint on
 * /api/staff/*): the same search as the console's list. Newest first; {@code next} is the cursor of
 * the following page (pass it as {@code after}), absent on the last page. Amounts in fen, times
 * ISO-8601 instants.
 */
@RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
@Path("staff/orders")
@Produces(MediaType.APPLICATION_JSON)
public class StaffOrderResource {

  @EJB OrderSearch search;
  @EJB RefundService refunds;
  @Inject Exports exports;

  /** Body of a refund asked for by a member of staff. Amount in fen. */
  public static class StaffRefundRequest {
    @NotNull(message = "amount (fen) is required")
    @Positive(message = "amount is a positive number of fen")
    public Long amount;

    @NotBlank(message = "a reason is required")
    @Size(max = 256, message = "reason has at most 256 characters")
    public String reason;

    @NotBlank(message = "requestId is required: the same requestId again returns the same refund")
    @Size(max = 64, message = "requestId has at most 64 characters")
    public String requestId;
  }

  /** One page of the list: its rows and the cursor of the next page (null on the last). */
  public record Page(List<OrderPage.Row> rows, String next) {}

  /**
   * SUPPORT or FINANCE asks for a refund of the order as themselves, under the same rules as any
   * refund (approval, four eyes, the pending cap); 201 with the refund, 200 for a repeat of the
   * same requestId.
   */
  @POST
  @Path("{orderNo}/refunds")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME})
  public Response requestRefund(
      @PathParam("orderNo") String orderNo,
      @Valid @NotNull(message = "a JSON body with amount, reason and requestId is required")
          StaffRefundRequest body) {
    RefundView refund = refunds.requestByStaff(orderNo, body.amount, body.reason, body.requestId);
    return Response.status(Response.Status.CREATED).entity(refund).build();
  }

  /**
   * The list's filters as a CSV file (UTF-8 with BOM, for Excel), every matching order, streamed.
   */
  @GET
  @Path("export")
  @Produces(CsvDownload.CSV)
  public Response export(
      @QueryParam("status") String status,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("orderNo") String orderNo,
      @QueryParam("outTradeNo") String outTradeNo,
      @QueryParam("openid") String openid,
      @QueryParam("minAmount") Long minAmount,
      @QueryParam("maxAmount") Long maxAmount,
      @QueryParam("merchant") String merchant,
      @Context HttpHeaders headers) {
    OrderCriteria criteria =
        criteria(
            status,
            from,
            to,
            orderNo,
            outTradeNo,
            openid,
            minAmount,
            maxAmount,
            merchant,
            null,
            OrderCriteria.MAX_PAGE_SIZE);
    var locale = CsvDownload.locale(headers);
    return CsvDownload.of("orders.csv", out -> exports.orders(criteria, locale, out));
  }

  @GET
  public Page list(
      @QueryParam("status") String status,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("orderNo") String orderNo,
      @QueryParam("outTradeNo") String outTradeNo,
      @QueryParam("openid") String openid,
      @QueryParam("minAmount") Long minAmount,
      @QueryParam("maxAmount") Long maxAmount,
      @QueryParam("after") String after,
      @QueryParam("merchant") String merchant,
      @QueryParam("pageSize") @DefaultValue("50") int pageSize) {
    OrderPage page =
        search.search(
            criteria(
                status,
                from,
                to,
                orderNo,
                outTradeNo,
                openid,
                minAmount,
                maxAmount,
                merchant,
                after == null || after.isBlank() ? null : OrderCriteria.Cursor.of(after),
                pageSize));
    return new Page(page.rows(), page.hasNext() ? page.next().token() : null);
  }

  /** The list's and the export's filters, read the same way. */
  private static OrderCriteria criteria(
      String status,
      String from,
      String to,
      String orderNo,
      String outTradeNo,
      String openid,
      Long minAmount,
      Long maxAmount,
      String merchant,
      OrderCriteria.Cursor after,
      int pageSize) {
    return new OrderCriteria(
        QueryParams.oneOf(OrderStatus.class, status, "status"),
        QueryParams.instant(from, "from"),
        QueryParams.instant(to, "to"),
        orderNo,
        outTradeNo,
        openid,
        minAmount,
        maxAmount,
        after,
        pageSize,
        merchant == null || merchant.isBlank() ? null : Set.of(merchant.strip()));
  }
}
