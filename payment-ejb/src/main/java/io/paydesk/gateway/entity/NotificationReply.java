package io.paydesk.gateway.entity;

/**
 * How PayDesk took a notification from WeChat, whatever the API version: each version's notify URL
 * turns it into that version's answer (v2: SUCCESS/FAIL XML; v3: 204, or 4xx/5xx with {@code
 * {"code":"FAIL"}}). WeChat sends anything but {@link Kind#TAKEN} again later.
 *
 * @param reason why it was not taken; safe to send back to WeChat; null when taken
 */
public record NotificationReply(Kind kind, String reason) {

  public enum Kind {
    /** Recorded (or nothing to record, or a repeat): WeChat stops sending it. */
    TAKEN,
    /** It did not decode, decrypt or verify, or names another merchant: nothing was recorded. */
    REJECTED,
    /** Verified, but not recorded now (refused by PayDesk's rules, or a failure): sent again. */
    NOT_TAKEN
  }

  public static NotificationReply taken() {
    return new NotificationReply(Kind.TAKEN, null);
  }

  public static NotificationReply rejected(String reason) {
    return new NotificationReply(Kind.REJECTED, reason);
  }

  public static NotificationReply notTaken(String reason) {
    return new NotificationReply(Kind.NOT_TAKEN, reason);
  }

  public boolean isTaken() {
    return kind == Kind.TAKEN;
  }
}
