package io.paydesk.wechatpay;

/**
 * Exact conversion between yuan text (bills) and integer minor units, digit by digit, in integer
 * arithmetic only: no binary or decimal floating point anywhere.
 */
public final class Yuan {
  private static final int MAX_DIGITS = 17;

  private Yuan() {}

  /**
   * {@code "12.34"} → 1234 fen; {@code "-0.5"} → -50; {@code "3"} → 300. Extra fraction digits are
   * accepted only if they are zeros ({@code "0.010"}).
   *
   * @throws NumberFormatException on anything that is not an exact amount of fen
   */
  public static long toFen(String yuan) {
    return toUnits(yuan, 2);
  }

  /**
   * Parses a decimal yuan amount into units of 10^-scale yuan (scale 2 = fen, scale 5 = the bill's
   * fee precision). Rejects non-zero digits beyond {@code scale}, signs other than a leading minus,
   * empty text and numbers too large for a long.
   */
  public static long toUnits(String text, int scale) {
    if (text == null || text.isEmpty()) {
      throw new NumberFormatException("empty amount");
    }
    int i = 0;
    boolean negative = false;
    if (text.charAt(0) == '-') {
      negative = true;
      i = 1;
    }
    long value = 0;
    int intDigits = 0;
    int fracDigits = 0;
    boolean point = false;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (point) {
          throw new NumberFormatException("not an amount: " + text);
        }
        point = true;
        continue;
      }
      if (c < '0' || c > '9') {
        throw new NumberFormatException("not an amount: " + text);
      }
      int digit = c - '0';
      if (point) {
        fracDigits++;
        if (fracDigits > scale) {
          if (digit != 0) {
            throw new NumberFormatException("more precise than 10^-" + scale + ": " + text);
          }
          continue;
        }
      } else {
        intDigits++;
      }
      if (intDigits + fracDigits > MAX_DIGITS) {
        throw new NumberFormatException("amount too large: " + text);
      }
      value = value * 10 + digit;
    }
    if (intDigits == 0 && fracDigits == 0) {
      throw new NumberFormatException("not an amount: " + text);
    }
    for (int f = Math.min(fracDigits, scale); f < scale; f++) {
      value *= 10;
    }
    return negative ? -value : value;
  }

  /** 1234 → {@code "12.34"}; -5 → {@code "-0.05"}. */
  public static String fromFen(long fen) {
    return fromUnits(fen, 2);
  }

  /** Formats units of 10^-scale yuan with exactly {@code scale} fraction digits. */
  public static String fromUnits(long units, int scale) {
    StringBuilder digits = new StringBuilder(Long.toString(Math.abs(units)));
    while (digits.length() <= scale) {
      digits.insert(0, '0');
    }
    if (scale > 0) {
      digits.insert(digits.length() - scale, '.');
    }
    return units < 0 ? "-" + digits : digits.toString();
  }
}
