package io.paydesk.platform.audit.entity;

/**
 * The one shape of a status history row (an order's, a refund's): from and to which status, who,
 * when, and why. Each history entity maps its columns with these limits and fits what it is given
 * through {@link #actor} and {@link #reason}, so that a long reason is cut the same way everywhere
 * instead of failing the transaction that records it.
 */
public final class StatusHistory {

  /** Length of the from_status and to_status columns. */
  public static final int MAX_STATUS = 32;

  /** Length of the actor column: a staff user name, an API client, or a system actor. */
  public static final int MAX_ACTOR = 64;

  /** Length of the reason column, in characters. */
  public static final int MAX_REASON = 512;

  private StatusHistory() {}

  /** Who acted: required, at most {@value #MAX_ACTOR} characters. */
  public static String actor(String actor) {
    if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR) {
      throw new IllegalArgumentException(
          "a history row names who acted, in 1 to " + MAX_ACTOR + " characters");
    }
    return actor;
  }

  /** Why, cut to {@value #MAX_REASON} characters; null stays null. */
  public static String reason(String reason) {
    return fit(reason, MAX_REASON);
  }

  /**
   * {@code text} cut to at most {@code max} characters, never between the two halves of a character
   * outside the Basic Multilingual Plane (an emoji in a reason); null stays null.
   */
  public static String fit(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
