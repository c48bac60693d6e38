package io.paydesk.platform.staff.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void theNamesForAnnotationsAreTheRolesNames() {
    assertThat(Role.SUPPORT_NAME).isEqualTo(Role.SUPPORT.name());
    assertThat(Role.FINANCE_NAME).isEqualTo(Role.FINANCE.name());
    assertThat(Role.ADMIN_NAME).isEqualTo(Role.ADMIN.name());
    assertThat(Arrays.stream(Role.values()).map(Role::name))
        .containsExactly(Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME);
  }
}
