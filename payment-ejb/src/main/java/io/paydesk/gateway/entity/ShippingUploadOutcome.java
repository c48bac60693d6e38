package io.paydesk.gateway.entity;

/**
 * What WeChat's answer to a shipping-information upload means for the upload, in PayDesk's terms.
 */
public sealed interface ShippingUploadOutcome
    permits ShippingUploadOutcome.Uploaded,
        ShippingUploadOutcome.Retry,
        ShippingUploadOutcome.Refused {

  /** WeChat has the shipping information (now, or already had the same). */
  record Uploaded(String note) implements ShippingUploadOutcome {}

  /**
   * Not uploaded this time, and nothing is wrong with the upload itself: WeChat down, busy, no
   * answer, a payment it has not indexed yet, no token to be had. Send it again later.
   */
  record Retry(String reason) implements ShippingUploadOutcome {}

  /** WeChat refuses the upload as it is: a person must look. */
  record Refused(String reason) implements ShippingUploadOutcome {}
}
