package io.paydesk.api;

import io.paydesk.payment.boundary.OrderCriteria;
import io.paydesk.payment.boundary.OrderPage;
import io.paydesk.payment.boundary.OrderSearch;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

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

  /** One page of the list: its rows and the cursor of the next page (null on the last). */
  public record Page(List<OrderPage.Row> rows, String next) {}

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
    OrderCriteria criteria =
        new OrderCriteria(
            status(status),
            instant(from, "from"),
            instant(to, "to"),
            orderNo,
            outTradeNo,
            openid,
            minAmount,
            maxAmount,
            after == null || after.isBlank() ? null : OrderCriteria.Cursor.of(after),
            pageSize,
            merchant == null || merchant.isBlank() ? null : java.util.Set.of(merchant.strip()));
    OrderPage page = search.search(criteria);
    return new Page(page.rows(), page.hasNext() ? page.next().token() : null);
  }

  private static OrderStatus status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OrderStatus.valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "status: one of " + List.of(OrderStatus.values()));
    }
  }

  private static Instant instant(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, name + ": an instant like 2026-11-28T00:00:00Z");
    }
  }
}
