package io.paydesk.payment.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.util.regex.Pattern;

/**
 * Where an order goes and to whom: the recipient, a mainland phone number, the address (province,
 * city, district, street) and the buyer's note. A value: it is checked whole when made and never
 * changes. The phone is personal data: screens that list orders show {@link #maskedPhone()}, only
 * the order's own page and its printed ticket show it whole, and it stays out of logs and of the
 * ERP's events (docs/erp-contract.md).
 *
 * <p>The rules are declared once here; the shop API's Bean Validation and the ERP command parser
 * check the same constants first, for a clear answer naming the field.
 */
public record Delivery(
    String recipientName,
    String phone,
    String province,
    String city,
    String district,
    String street,
    String note) {

  public static final int MAX_NAME = 32;
  public static final int MAX_REGION = 32;
  public static final int MAX_STREET = 128;
  public static final int MAX_NOTE = 200;
  public static final int MAX_PHONE = 20;

  /** A mainland mobile number: 11 digits from 13x to 19x, optionally after +86 or 86. */
  public static final String MOBILE = "(?:\\+?86[ -]?)?1[3-9][0-9]{9}";

  /**
   * A mainland landline: an area code of 3 or 4 digits starting with 0, then 7 or 8 digits, then an
   * optional extension; e.g. 010-12345678, 0755-1234567-801.
   */
  public static final String LANDLINE = "0[1-9][0-9]{1,2}-?[0-9]{7,8}(?:-[0-9]{1,6})?";

  /** Either format, as Bean Validation's {@code @Pattern} needs it. */
  public static final String PHONE = "(?:" + MOBILE + ")|(?:" + LANDLINE + ")";

  private static final Pattern PHONE_PATTERN = Pattern.compile(PHONE);
  private static final Pattern MOBILE_PATTERN = Pattern.compile(MOBILE);

  public Delivery {
    recipientName = required(recipientName, "delivery.recipientName", MAX_NAME);
    phone = required(phone, "delivery.phone", MAX_PHONE);
    if (!PHONE_PATTERN.matcher(phone).matches()) {
      throw invalid(
          "delivery.phone is a mainland mobile (13800138000) or landline (010-12345678) number");
    }
    province = required(province, "delivery.province", MAX_REGION);
    city = required(city, "delivery.city", MAX_REGION);
    district = required(district, "delivery.district", MAX_REGION);
    street = required(street, "delivery.street", MAX_STREET);
    if (note != null) {
      note = note.strip();
      if (note.isEmpty()) {
        note = null;
      } else if (note.length() > MAX_NOTE) {
        throw invalid("delivery.note has at most " + MAX_NOTE + " characters");
      }
    }
  }

  /** The phone as lists show it: the first three and the last four digits, e.g. 138****8000. */
  public String maskedPhone() {
    return mask(phone);
  }

  /** The whole address in Chinese order, province first. */
  public String address() {
    return province + " " + city + " " + district + " " + street;
  }

  /**
   * {@code phone} with every digit hidden but the first three (of the number itself, after +86) and
   * the last four, as lists and WeChat's {@code contact} fields want it; null stays null.
   */
  public static String mask(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone;
    String prefix = "";
    if (MOBILE_PATTERN.matcher(phone).matches() && phone.length() > 11) {
      prefix = phone.substring(0, phone.length() - 11);
      digits = phone.substring(phone.length() - 11);
    }
    if (digits.length() <= 7) {
      return prefix + "****" + digits.substring(Math.max(0, digits.length() - 4));
    }
    return prefix + digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
  }

  private static String required(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      throw invalid(field + " is required");
    }
    String stripped = value.strip();
    if (stripped.length() > max) {
      throw invalid(field + " has at most " + max + " characters");
    }
    return stripped;
  }

  private static PayDeskException invalid(String detail) {
    return new PayDeskException(ErrorCode.INVALID_REQUEST, detail);
  }

  /** For log lines: never the name, the phone or the street. */
  @Override
  public String toString() {
    return "Delivery[" + province + " " + city + " " + district + ", phone=" + maskedPhone() + "]";
  }
}
