package io.paydesk.wechatpay.sign;

import java.security.SecureRandom;

/** Random {@code nonce_str} values: 32 characters from [0-9A-Za-z], drawn from SecureRandom. */
public final class Nonce {
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Nonce() {}

  public static String generate() {
    char[] chars = new char[32];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(chars);
  }
}
