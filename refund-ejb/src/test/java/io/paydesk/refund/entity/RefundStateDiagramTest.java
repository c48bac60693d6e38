package io.paydesk.refund.entity;

import static io.paydesk.platform.docs.boundary.StateDiagram.mermaid;
import static io.paydesk.platform.docs.boundary.StateDiagram.replaceBetweenMarkers;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's refund diagram is generated from {@link RefundStatus}'s table; {@code mvn -pl
 * refund-ejb test -Dtest=RefundStateDiagramTest -Dpaydesk.readme.update=true} rewrites it.
 */
class RefundStateDiagramTest {

  static final Path README = Path.of("..", "README.md");

  @Test
  void theReadmeShowsTheRefundTransitionTable() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String updated =
        replaceBetweenMarkers(
            readme, "refund-states", mermaid(RefundStatus.values(), RefundStatus::next));
    if (Boolean.getBoolean("paydesk.readme.update")) {
      Files.writeString(README, updated, StandardCharsets.UTF_8);
      readme = updated;
    }
    assertThat(readme)
        .as("README.md's refund diagram is stale: rerun with -Dpaydesk.readme.update=true")
        .isEqualTo(updated);
  }
}
