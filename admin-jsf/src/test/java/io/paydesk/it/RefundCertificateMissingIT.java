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
 * PayDesk whose configured client certificate file does not exist: payments work, a refund waits
 * approved and says which file is missing; nothing is sent.
 */
@ExtendWith(ArquillianExtension.class)
class RefundCertificateMissingIT {

  final RefundsContract refunds = new RefundsContract() {};

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.paydesk(
        Deployments.Database.H2,
        Map.of("paydesk.wechat.cert-path", "/nonexistent/paydesk/apiclient_cert.p12"));
  }

  @Test
  void aMissingCertificateLeavesTheRefundApprovedAndNamesTheFile() {
    String orderNo = refunds.paidOrder(700);

    String outRefundNo =
        refunds
            .requestRefund(orderNo, 200, "r-" + UUID.randomUUID())
            .json()
            .getString("outRefundNo");

    refunds.awaitWaitingApproved(outRefundNo, "/nonexistent/paydesk/apiclient_cert.p12");
    assertThat(refunds.refundCallsAtWeChat(outRefundNo)).isZero();
  }
}
