package io.paydesk.payment.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The README's state diagrams are generated from the transition tables. This test fails when they
 * differ; {@code mvn -pl payment-ejb test -Dtest=StateDiagramsTest -Dpaydesk.readme.update=true}
 * rewrites them.
 */
class StateDiagramsTest {

  static final Path README = Path.of("..", "README.md");

  @Test
  void theReadmeShowsTheTransitionTables() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String updated =
        replace(
            replace(readme, "order-states", mermaid(OrderStatus.values(), OrderStatus::next)),
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

  static <E extends Enum<E>> String mermaid(E[] states, Function<E, Set<E>> next) {
    StringBuilder out = new StringBuilder("```mermaid\nstateDiagram-v2\n");
    out.append("  [*] --> ").append(states[0].name()).append('\n');
    for (E from : states) {
      for (E to : states) {
        if (next.apply(from).contains(to)) {
          out.append("  ").append(from.name()).append(" --> ").append(to.name()).append('\n');
        }
      }
      if (next.apply(from).isEmpty()) {
        out.append("  ").append(from.name()).append(" --> [*]\n");
      }
    }
    return out.append("```\n").toString();
  }

  /** Replaces what stands between the {@code <!-- name -->} and {@code <!-- /name -->} markers. */
  static String replace(String text, String name, String content) {
    String open = "<!-- " + name + " -->\n";
    String close = "<!-- /" + name + " -->";
    int start = text.indexOf(open);
    int end = text.indexOf(close);
    assertThat(start).as("README.md lacks the marker " + open.trim()).isNotNegative();
    assertThat(end).as("README.md lacks the marker " + close).isGreaterThan(start);
    return text.substring(0, start + open.length()) + content + text.substring(end);
  }
}
