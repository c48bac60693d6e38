package io.paydesk.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class ConsoleOnPostgresIT extends ConsoleContract {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.paydesk(Deployments.Database.POSTGRES);
  }
}
