package io.paydesk.it;

import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class ReconciliationOnPostgresIT extends ReconciliationContract {

  @Deployment(testable = false)
  static WebArchive deployment() {
    Map<String, String> settings = new HashMap<>(settings(TestSandbox.RECONCILIATION_PG_MCH_ID));
    // a database of its own: a day's PayDesk payments are this test's only
    settings.put("paydesk.db.url", TestPostgres.get().newDatabase("reconciliation"));
    return Deployments.paydesk(Deployments.Database.POSTGRES, settings);
  }

  @Override
  String mchId() {
    return TestSandbox.RECONCILIATION_PG_MCH_ID;
  }
}
