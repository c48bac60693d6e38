package io.paydesk.payment.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;

/** How a paid order left the shop: the carrier and its tracking number. */
public record Shipment(String carrier, String trackingNo) {

  public Shipment {
    if (carrier == null || carrier.isBlank() || carrier.length() > 64) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "carrier is required (at most 64 characters)");
    }
    if (trackingNo == null || trackingNo.isBlank() || trackingNo.length() > 64) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "trackingNo is required (at most 64 characters)");
    }
  }
}
