package io.paydesk.platform.docs.boundary;

import java.util.Set;
import java.util.function.Function;

/**
 * A Mermaid state diagram drawn from a status enum's transition table, so that no diagram of
 * PayDesk's states is ever drawn by hand. The first constant is the initial state.
 */
public final class StateDiagram {

  private StateDiagram() {}

  public static <E extends Enum<E>> String mermaid(E[] states, Function<E, Set<E>> next) {
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

  /**
   * Replaces what stands between the {@code <!-- name -->} and {@code <!-- /name -->} lines of a
   * Markdown text.
   *
   * @throws IllegalArgumentException when the markers are missing
   */
  public static String replaceBetweenMarkers(String text, String name, String content) {
    String open = "<!-- " + name + " -->\n";
    String close = "<!-- /" + name + " -->";
    int start = text.indexOf(open);
    int end = text.indexOf(close);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("markers " + open.trim() + " ... " + close + " missing");
    }
    return text.substring(0, start + open.length()) + content + text.substring(end);
  }
}
