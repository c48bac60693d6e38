package io.paydesk.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class ReconciliationOnH2IT extends ReconciliationContract {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.paydesk(
        Deployments.Database.H2, settings(TestSandbox.RECONCILIATION_H2_MCH_ID));
  }

  @Override
  String mchId() {
    return TestSandbox.RECONCILIATION_H2_MCH_ID;
  }
}
