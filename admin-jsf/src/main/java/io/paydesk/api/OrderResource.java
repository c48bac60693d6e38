package io.paydesk.api;

import io.paydesk.payment.boundary.JsapiPayment;
import io.paydesk.payment.boundary.OrderService;
import io.paydesk.payment.boundary.OrderView;
import io.paydesk.payment.boundary.PaymentService;
import io.paydesk.payment.entity.Shipment;
import io.paydesk.platform.client.entity.Scope;
import io.paydesk.refund.boundary.RefundService;
import io.paydesk.refund.boundary.RefundView;
import io.paydesk.refund.entity.NewRefund;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * The shop's orders: create, read, pay, ship, refund. Thin: every decision is the boundary's. Each
 * operation needs its scope ({@link CallerRoles} enforces it); the API client is the actor that
 * history and audit rows name.
 */
@Path("orders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

  @EJB OrderService orders;
  @EJB PaymentService payments;
  @EJB RefundService refunds;

  @EJB ClientMerchant clientMerchant;

  @Context UriInfo uri;
  @Context SecurityContext security;

  /**
   * Creates an order; the same request again answers the same order, the same {@code orderNo} with
   * another body is a conflict (409).
   */
  @POST
  @RolesAllowed(Scope.ORDERS_WRITE_NAME)
  public Response create(@Valid @NotNull(message = "a JSON body is required") OrderRequest order) {
    OrderView view = orders.create(order.toNewOrder(), caller(), clientMerchant.of(security));
    return Response.created(uri.getAbsolutePathBuilder().path(view.orderNo()).build())
        .entity(view)
        .build();
  }

  @GET
  @Path("{orderNo}")
  @RolesAllowed(Scope.ORDERS_READ_NAME)
  public OrderView find(@PathParam("orderNo") String orderNo) {
    clientMerchant.requireOwn(security, orderNo);
    return orders.find(orderNo);
  }

  /** Optional body of a payment request. */
  public static class PaymentRequest {
    /** The buyer's IP as the shop saw it (spbill_create_ip). */
    @Size(max = 45, message = "clientIp has at most 45 characters")
    public String clientIp;
  }

  /** Body of a shipment. */
  public static class ShipmentRequest {
    @NotBlank(message = "carrier is required")
    @Size(max = 64, message = "carrier has at most 64 characters")
    public String carrier;

    @NotBlank(message = "trackingNo is required")
    @Size(max = 64, message = "trackingNo has at most 64 characters")
    public String trackingNo;

    /** EXPRESS (default), SAME_CITY, VIRTUAL or PICKUP: how WeChat is told it travels. */
    public Shipment.Method method;

    /**
     * WeChat's code of the express company (SF, ZTO, YTO, ...); optional when the carrier is a
     * well-known name.
     */
    @jakarta.validation.constraints.Pattern(
        regexp = Shipment.EXPRESS_COMPANY,
        message = "expressCompany is WeChat's code of the express company, e.g. SF, ZTO, YTO")
    public String expressCompany;
  }

  /**
   * The parameters for {@code wx.requestPayment}. Ask again freely: an unpaid order's prepay_id is
   * handed out again while it is valid.
   */
  @POST
  @Path("{orderNo}/payment")
  @RolesAllowed(Scope.PAYMENTS_WRITE_NAME)
  public JsapiPayment pay(@PathParam("orderNo") String orderNo, @Valid PaymentRequest body) {
    clientMerchant.requireOwn(security, orderNo);
    return payments.pay(orderNo, body == null ? null : body.clientIp);
  }

  /** Marks a paid order shipped (发货). */
  @POST
  @Path("{orderNo}/shipment")
  @RolesAllowed(Scope.SHIPMENTS_WRITE_NAME)
  public OrderView ship(
      @PathParam("orderNo") String orderNo,
      @Valid @NotNull(message = "a JSON body is required") ShipmentRequest body) {
    clientMerchant.requireOwn(security, orderNo);
    return orders.ship(
        orderNo,
        new Shipment(body.carrier, body.trackingNo, body.method, body.expressCompany),
        caller());
  }

  @POST
  @Path("{orderNo}/refunds")
  @RolesAllowed(Scope.REFUNDS_REQUEST_NAME)
  public Response request(
      @PathParam("orderNo") String orderNo,
      @Valid @NotNull(message = "a JSON body is required") RefundResource.RefundRequest body) {
    clientMerchant.requireOwn(security, orderNo);
    RefundView refund =
        refunds.request(new NewRefund(orderNo, body.amount, body.reason, body.requestId), caller());
    return Response.created(
            uri.getBaseUriBuilder().path(RefundResource.class).path(refund.outRefundNo()).build())
        .entity(refund)
        .build();
  }

  @GET
  @Path("{orderNo}/refunds")
  @RolesAllowed(Scope.REFUNDS_READ_NAME)
  public List<RefundView> ofOrder(@PathParam("orderNo") String orderNo) {
    clientMerchant.requireOwn(security, orderNo);
    return refunds.ofOrder(orderNo);
  }

  /** The authenticated API client ({@code client:<name>}). */
  private String caller() {
    return security.getUserPrincipal().getName();
  }
}
