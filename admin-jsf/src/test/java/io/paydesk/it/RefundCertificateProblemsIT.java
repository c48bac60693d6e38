package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PayDesk with a client certificate WeChat refuses (self-signed, not the merchant's): payments
 * still work, a refund stays approved with a clear reason and never reaches WeChat as a refund.
 */
@ExtendWith(ArquillianExtension.class)
class RefundCertificateProblemsIT {

  final RefundsContract refunds = new RefundsContract() {};

  @Deployment(testable = false)
  static WebArchive deployment() throws Exception {
    return Deployments.paydesk(
        Deployments.Database.H2,
        Map.of("paydesk.wechat.cert-path", selfSignedP12(TestSandbox.MCH_ID).toString()));
  }

  /** A PKCS#12 with the merchant's name but no sandbox CA behind it (password = mch_id). */
  static Path selfSignedP12(String mchId) throws IOException, InterruptedException {
    Path p12 = Files.createTempDirectory("paydesk-cert").resolve("apiclient_cert.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "merchant",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + mchId,
                "-validity",
                "30",
                "-storetype",
                "PKCS12",
                "-keystore",
                p12.toString(),
                "-storepass",
                mchId,
                "-keypass",
                mchId)
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    return p12;
  }

  @Test
  void aRefusedCertificateLeavesTheRefundApprovedWithTheReasonAndPaymentsWork() {
    String orderNo = refunds.paidOrder(800);

    String outRefundNo =
        refunds
            .requestRefund(orderNo, 300, "r-" + UUID.randomUUID())
            .json()
            .getString("outRefundNo");

    refunds.awaitWaitingApproved(outRefundNo, "certificate");
    assertThat(refunds.status(orderNo)).isEqualTo("PAID");
  }
}
