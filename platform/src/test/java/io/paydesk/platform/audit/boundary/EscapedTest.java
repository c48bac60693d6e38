package io.paydesk.platform.audit.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapedTest {

  @Test
  void aTypedUserNameCannotForgeALogLineOrAKeyValuePair() {
    assertThat(AuditLog.escaped("li.na")).isEqualTo("li.na");
    assertThat(AuditLog.escaped("x\nINFO audit actor=admin outcome=DONE"))
        .doesNotContain("\n")
        .doesNotContain(" ")
        .doesNotContain("=")
        .startsWith("x\\x0aINFO\\x20audit");
    assertThat(AuditLog.escaped("张三")).isEqualTo("张三");
    assertThat(AuditLog.escaped(null)).isEqualTo("null");
    assertThat(AuditLog.escaped("a".repeat(500))).hasSize(128);
  }
}
