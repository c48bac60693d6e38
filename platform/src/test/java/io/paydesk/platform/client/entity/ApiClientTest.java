package io.paydesk.platform.client.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.platform.error.boundary.PayDeskException;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiClientTest {

  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void aClientHasANameAndAtLeastOneScopeAndARevokedOneKeepsItsScopes() {
    ApiClient client = new ApiClient("shop", Set.of(Scope.values()), "configuration", NOW);
    assertThat(client.scopes()).containsExactlyInAnyOrder(Scope.values());
    assertThatThrownBy(() -> new ApiClient("Shop Backend", Set.of(Scope.ORDERS_READ), "a", NOW))
        .isInstanceOf(PayDeskException.class);
    assertThatThrownBy(() -> new ApiClient("shop", Set.of(), "a", NOW))
        .isInstanceOf(PayDeskException.class);

    client.revoke();
    assertThat(client.enabled()).isFalse();
    assertThatThrownBy(() -> client.assign(Set.of(Scope.ORDERS_READ)))
        .isInstanceOf(PayDeskException.class);
  }

  @Test
  void scopesAreSpelledAsClientsAndRolesSpellThem() {
    assertThat(Scope.of("orders:write")).contains(Scope.ORDERS_WRITE);
    assertThat(Scope.of("orders:all")).isEmpty();
    for (Scope scope : Scope.values()) {
      assertThat(Scope.of(scope.value())).contains(scope);
    }
  }
}
