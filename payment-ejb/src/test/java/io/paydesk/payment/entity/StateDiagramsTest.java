package io.paydesk.payment.entity;

import static io.paydesk.platform.docs.boundary.StateDiagram.mermaid;
import static io.paydesk.platform.docs.boundary.StateDiagram.replaceBetweenMarkers;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's order and attempt diagrams are generated from the transition tables. This test fails
 * when they differ; {@code mvn -pl payment-ejb test -Dtest=StateDiagramsTest
 * -Dpaydesk.readme.update=true} rewrites them.
 */
class StateDiagramsTest {

  static final Path README = Path.of("..", "README.md");

  @Test
  void theReadmeShowsTheTransitionTables() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String updated =
        replaceBetweenMarkers(
            replaceBetweenMarkers(
                readme, "order-states", mermaid(OrderStatus.values(), OrderStatus::next)),
            "attempt-states",
            mermaid(AttemptStatus.values(), AttemptStatus::next));
    if (Boolean.getBoolean("paydesk.readme.update")) {
      Files.writeString(README, updated, StandardCharsets.UTF_8);
      readme = updated;
    }
    assertThat(readme)
        .as("README.md's state diagrams are stale: rerun with -Dpaydesk.readme.update=true")
        .isEqualTo(updated);
  }
}
