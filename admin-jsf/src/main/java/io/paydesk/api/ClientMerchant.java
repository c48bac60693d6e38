package io.paydesk.api;

import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.payment.boundary.OrderService;
import io.paydesk.platform.client.boundary.ApiClients;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Objects;

/**
 * The merchant an API client acts for, and the rule that it acts only for that one: another
 * merchant's order is answered exactly as an order that does not exist (404), so that a client
 * learns nothing of other merchants.
 */
@Stateless
// Permitted: the shop API's resources call it for their authenticated caller, after the container
// has checked the caller's scope; it only reads and refuses.
@PermitAll
public class ClientMerchant {

  @EJB ApiClients clients;
  @EJB MerchantRegistry merchants;
  @EJB OrderService orders;

  /** The caller's merchant: its own, or the first merchant's for a client without one. */
  public String of(SecurityContext security) {
    String caller = security.getUserPrincipal().getName();
    return clients
        .merchantOf(caller)
        .orElseGet(() -> merchants.first().map(MerchantView::mchId).orElse(null));
  }

  /** Refuses, as ORDER_NOT_FOUND, an order that is not the caller's merchant's. */
  public void requireOwn(SecurityContext security, String orderNo) {
    if (!owns(security, orderNo)) {
      throw new PayDeskException(ErrorCode.ORDER_NOT_FOUND, "no order " + orderNo);
    }
  }

  /** Whether an existing order is the caller's merchant's (false for none). */
  public boolean owns(SecurityContext security, String orderNo) {
    return orders
        .merchantOf(orderNo)
        .map(owner -> Objects.equals(owner, of(security)))
        .orElse(true); // no such order: the boundary answers 404 itself
  }
}
