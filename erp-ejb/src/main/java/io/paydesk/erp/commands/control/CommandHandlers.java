package io.paydesk.erp.commands.control;

import io.paydesk.erp.commands.entity.Command;
import io.paydesk.erp.commands.entity.CommandReply;
import io.paydesk.payment.boundary.OrderService;
import io.paydesk.payment.boundary.OrderView;
import io.paydesk.payment.entity.Delivery;
import io.paydesk.payment.entity.NewOrder;
import io.paydesk.payment.entity.Shipment;
import io.paydesk.refund.boundary.RefundService;
import io.paydesk.refund.boundary.RefundView;
import io.paydesk.refund.boundary.SystemActor;
import io.paydesk.refund.entity.NewRefund;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * Carries out a command through the same boundary methods the REST API calls, in the caller's
 * transaction (the command listener's), and says what came of it. A business rule that says no
 * arrives as the boundary's {@code PayDeskException}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class CommandHandlers {

  /** Who the history names for changes the ERP asked for. */
  public static final String ERP = "erp";

  @EJB OrderService orders;
  @EJB RefundService refunds;

  public CommandReply execute(Command command) {
    if (command instanceof Command.CreateOrder c) {
      return order(c, orders.create(newOrder(c), ERP));
    }
    if (command instanceof Command.ShipOrder c) {
      return order(
          c,
          orders.shipBySystem(
              c.orderNo(),
              new Shipment(
                  c.carrier(),
                  c.trackingNo(),
                  c.method() == null ? null : Shipment.Method.valueOf(c.method()),
                  c.expressCompany()),
              ERP));
    }
    if (command instanceof Command.CloseOrder c) {
      return order(c, orders.close(c.orderNo(), c.reason(), ERP));
    }
    if (command instanceof Command.RequestRefund c) {
      return refund(
          c,
          refunds.request(new NewRefund(c.orderNo(), c.amount(), c.reason(), c.requestId()), ERP));
    }
    if (command instanceof Command.ApproveRefund c) {
      return refund(c, refunds.approveAs(c.outRefundNo(), SystemActor.ERP));
    }
    throw new IllegalArgumentException("no handler for " + command.type());
  }

  private static NewOrder newOrder(Command.CreateOrder c) {
    return new NewOrder(
        c.orderNo(),
        c.openid(),
        c.amount(),
        c.description(),
        c.expiresAt(),
        c.items().stream()
            .map(i -> new NewOrder.Item(i.sku(), i.name(), i.quantity(), i.unitPrice()))
            .toList(),
        c.delivery() == null
            ? null
            : new Delivery(
                c.delivery().recipientName(),
                c.delivery().phone(),
                c.delivery().province(),
                c.delivery().city(),
                c.delivery().district(),
                c.delivery().street(),
                c.delivery().note()));
  }

  private static CommandReply order(Command command, OrderView order) {
    return CommandReply.accepted(command, order.orderNo(), null, order.status().name());
  }

  private static CommandReply refund(Command command, RefundView refund) {
    return CommandReply.accepted(
        command, refund.orderNo(), refund.outRefundNo(), refund.status().name());
  }
}
