package io.paydesk.payment.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a paid order left the shop: the carrier and its tracking number, how it travels ({@link
 * Method}: by express, same-city courier, as virtual goods or picked up by the buyer) and, for an
 * express, the express company's code as WeChat's shipping-information service knows it (SF, ZTO,
 * YTO, ...; WeChat's {@code get_delivery_list}). Without a code, a few well-known carrier names are
 * recognised ({@link #expressCompanyCode()}).
 */
public record Shipment(String carrier, String trackingNo, Method method, String expressCompany) {

  /** How the goods travel. */
  public enum Method {
    EXPRESS,
    SAME_CITY,
    VIRTUAL,
    PICKUP
  }

  /** WeChat's express company codes: letters, digits and '_', at most 32. */
  public static final String EXPRESS_COMPANY = "[A-Za-z0-9_]{1,32}";

  private static final Pattern EXPRESS_COMPANY_PATTERN = Pattern.compile(EXPRESS_COMPANY);

  /** Carrier names staff commonly type, and their codes. */
  private static final Map<String, String> KNOWN_CARRIERS =
      Map.ofEntries(
          Map.entry("sf express", "SF"),
          Map.entry("顺丰", "SF"),
          Map.entry("顺丰速运", "SF"),
          Map.entry("zto", "ZTO"),
          Map.entry("中通", "ZTO"),
          Map.entry("中通快递", "ZTO"),
          Map.entry("yto", "YTO"),
          Map.entry("圆通", "YTO"),
          Map.entry("圆通速递", "YTO"),
          Map.entry("yunda", "YD"),
          Map.entry("韵达", "YD"),
          Map.entry("韵达快递", "YD"),
          Map.entry("sto", "STO"),
          Map.entry("申通", "STO"),
          Map.entry("申通快递", "STO"),
          Map.entry("ems", "EMS"),
          Map.entry("中国邮政", "EMS"),
          Map.entry("jd", "JD"),
          Map.entry("京东", "JD"),
          Map.entry("京东物流", "JD"));

  public Shipment {
    if (carrier == null || carrier.isBlank() || carrier.length() > 64) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "carrier is required (at most 64 characters)");
    }
    if (trackingNo == null || trackingNo.isBlank() || trackingNo.length() > 64) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "trackingNo is required (at most 64 characters)");
    }
    method = method == null ? Method.EXPRESS : method;
    if (expressCompany != null && expressCompany.isBlank()) {
      expressCompany = null;
    }
    if (expressCompany != null && !EXPRESS_COMPANY_PATTERN.matcher(expressCompany).matches()) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST,
          "expressCompany is WeChat's code of the express company, e.g. SF, ZTO, YTO");
    }
  }

  /** An express shipment, its company known by the carrier's name. */
  public Shipment(String carrier, String trackingNo) {
    this(carrier, trackingNo, Method.EXPRESS, null);
  }

  /**
   * The express company's code for WeChat: the one given, else the code of a well-known carrier
   * name (SF Express, 顺丰, 中通, ...), else the carrier itself when it looks like a code (e.g. "YTO");
   * null when none fits.
   */
  public String expressCompanyCode() {
    if (expressCompany != null) {
      return expressCompany.toUpperCase(Locale.ROOT);
    }
    String known = KNOWN_CARRIERS.get(carrier.strip().toLowerCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    String upper = carrier.strip().toUpperCase(Locale.ROOT);
    return upper.matches("[A-Z]{2,10}") ? upper : null;
  }
}
