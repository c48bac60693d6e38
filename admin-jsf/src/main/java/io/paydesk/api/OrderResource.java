package io.paydesk.api;

import io.paydesk.payment.boundary.OrderService;
import io.paydesk.payment.boundary.OrderView;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The shop's orders. Thin: every decision is the order service's. */
@Path("orders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

  static final String SHOP = "shop";

  @EJB OrderService orders;

  @Context UriInfo uri;

  /**
   * Creates an order; the same request again answers the same order, the same {@code orderNo} with
   * another body is a conflict (409).
   */
  @POST
  public Response create(@Valid @NotNull(message = "a JSON body is required") OrderRequest order) {
    OrderView view = orders.create(order.toNewOrder(), SHOP);
    return Response.created(uri.getAbsolutePathBuilder().path(view.orderNo()).build())
        .entity(view)
        .build();
  }

  @GET
  @Path("{orderNo}")
  public OrderView find(@PathParam("orderNo") String orderNo) {
    return orders.find(orderNo);
  }
}
