package io.paydesk.it.probe;

import io.paydesk.erp.outbox.boundary.OutboxRelay;
import io.paydesk.payment.entity.NewOrder;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Test-only handles into the running application, deployed with the integration tests and never
 * with PayDesk: they let a black-box test cause what a crash or a bug would.
 */
@Stateless
// test only: /api already demands credentials; the probe needs no particular scope
@jakarta.annotation.security.PermitAll
@Path("test-probe")
@Produces(MediaType.TEXT_PLAIN)
public class ProbeResource {

  @EJB FailingTransaction failing;
  @EJB OutboxRelay relay;

  @PersistenceContext(unitName = "erp")
  EntityManager em;

  /** Creates the order in a transaction that then throws: answers "rolled-back". */
  @POST
  @Path("orders/{orderNo}/create-then-fail")
  public String createThenFail(@PathParam("orderNo") String orderNo) {
    try {
      failing.createThenThrow(new NewOrder(orderNo, "o-probe", 100L, "probe", null));
      return "committed";
    } catch (EJBException expected) {
      return "rolled-back";
    }
  }

  /**
   * Puts an aggregate's published events back to unsent: the state a relay leaves when it crashes
   * after the broker took the messages but before it marked them sent.
   */
  @POST
  @Path("outbox/{aggregateId}/forget-sent")
  public String forgetSent(@PathParam("aggregateId") String aggregateId) {
    int rows =
        em.createNativeQuery("UPDATE outbox_event SET sent_at = NULL WHERE aggregate_id = ?1")
            .setParameter(1, aggregateId)
            .executeUpdate();
    return Integer.toString(rows);
  }

  /**
   * Makes a payment attempt due for the janitor since {@code seconds} ago, so that a test decides
   * which attempt stands first in the due queue.
   */
  @POST
  @Path("attempts/{outTradeNo}/due-since/{seconds}")
  public String dueSince(
      @PathParam("outTradeNo") String outTradeNo, @PathParam("seconds") long seconds) {
    int rows =
        em.createNativeQuery(
                "UPDATE payment_attempt SET next_check_at = ?1 WHERE out_trade_no = ?2")
            .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(seconds))
            .setParameter(2, outTradeNo)
            .executeUpdate();
    return Integer.toString(rows);
  }

  /** Runs a relay pass now, as a restarted relay would on its first tick. */
  @POST
  @Path("outbox/relay")
  public String relay() {
    return Integer.toString(relay.relayPending());
  }
}
