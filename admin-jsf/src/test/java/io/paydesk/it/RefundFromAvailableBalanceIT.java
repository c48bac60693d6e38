package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PayDesk configured to answer NOTENOUGH by refunding from the available balance: the refund is
 * sent once more, with the same out_refund_no and refund_account=REFUND_SOURCE_RECHARGE_FUNDS.
 */
@ExtendWith(ArquillianExtension.class)
class RefundFromAvailableBalanceIT {

  final RefundsContract refunds = new RefundsContract() {};

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.paydesk(
        Deployments.Database.H2, Map.of("paydesk.refund.notenough", "recharge-funds"));
  }

  @Test
  void notEnoughUnsettledFundsIsRefundedFromTheAvailableBalanceWithTheSameNumber() {
    var sandbox = TestSandbox.get();
    String orderNo = refunds.paidOrder(1500);
    long[] before = sandbox.balance(TestSandbox.MCH_ID);
    try {
      sandbox.setBalance(TestSandbox.MCH_ID, 0L, before[1]);
      String outRefundNo =
          refunds
              .requestRefund(orderNo, 1500, "r-" + UUID.randomUUID())
              .json()
              .getString("outRefundNo");

      refunds.awaitRefundStatus(outRefundNo, "REFUNDED");
      var refund = refunds.refund(outRefundNo);
      assertThat(refund.getString("refundAccount")).isEqualTo("REFUND_SOURCE_RECHARGE_FUNDS");
      assertThat(refunds.refundCallsAtWeChat(outRefundNo)).isEqualTo(2);
      assertThat(refunds.status(orderNo)).isEqualTo("REFUNDED");
    } finally {
      sandbox.setBalance(TestSandbox.MCH_ID, before[0], before[1]);
    }
  }
}
