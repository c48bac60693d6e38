package io.paydesk.platform.error.boundary;

/**
 * Every business error PayDesk reports, with the HTTP status the shop API answers with. The code's
 * name is the stable identifier clients match on; the title is for people.
 */
public enum ErrorCode {
  INVALID_REQUEST(400, "The request is not valid"),
  STAFF_USER_EXISTS(409, "A staff account with that name exists"),
  STAFF_USER_NOT_FOUND(404, "No such staff account"),
  STAFF_SELF_OR_LAST_ADMIN(409, "That would lock out yourself or the last administrator"),
  UNAUTHENTICATED(401, "Authentication is required"),
  FORBIDDEN(403, "The caller may not do this"),
  TOO_MANY_ATTEMPTS(429, "Too many attempts; wait before trying again"),
  API_CLIENT_EXISTS(409, "An API client with that name exists"),
  API_CLIENT_NOT_FOUND(404, "No such API client"),
  API_CLIENT_REVOKED(409, "The API client is revoked"),
  API_KEY_NOT_FOUND(404, "No such key of this API client"),
  ORDER_NOT_FOUND(404, "No such order"),
  ORDER_NO_CONFLICT(409, "This order number is already used for a different order"),
  CONCURRENT_REQUEST(409, "A concurrent request is changing the same thing; retry"),
  ILLEGAL_TRANSITION(409, "The order cannot change that way in its current state"),
  ORDER_ALREADY_PAID(409, "The order is already paid"),
  ORDER_CLOSED(409, "The order is closed or has expired"),
  SHIPMENT_CONFLICT(409, "The order was already shipped differently"),
  PAYMENT_MISMATCH(409, "WeChat reports a payment that does not match PayDesk's records"),
  REFUND_NOT_FOUND(404, "No such refund"),
  REFUND_NOT_ALLOWED(409, "This order cannot be refunded"),
  REFUND_EXCEEDS_PAID(409, "The refunds would exceed the amount paid"),
  REFUND_LIMIT(409, "The order has reached WeChat's limit of 50 refunds"),
  REQUEST_ID_CONFLICT(409, "This request id is already used for a different refund"),
  REFUND_ILLEGAL_TRANSITION(409, "The refund cannot change that way in its current state"),
  REFUND_SECOND_APPROVER_REQUIRED(409, "This refund needs a second approval by someone else"),
  REFUND_APPROVAL_FORBIDDEN(403, "This caller may not approve refunds"),
  REFUND_MISMATCH(409, "WeChat reports a refund that does not match PayDesk's records"),
  WECHAT_REFUSED(502, "WeChat Pay refused the request"),
  WECHAT_UNAVAILABLE(503, "WeChat Pay did not answer; retry later"),
  WECHAT_NOT_CONFIGURED(503, "WeChat Pay is not configured"),
  DEAD_LETTER_NOT_FOUND(404, "No such dead-lettered ERP command"),
  RECONCILIATION_NOT_FOUND(404, "That date has not been reconciled"),
  RECONCILIATION_RUNNING(409, "The reconciliation of that date is running"),
  DISCREPANCY_NOT_FOUND(404, "No such discrepancy"),
  DISCREPANCY_RESOLVED(409, "The discrepancy is resolved already"),
  MERCHANT_NOT_FOUND(404, "No such merchant"),
  MERCHANT_EXISTS(409, "A merchant with that mch_id exists"),
  MERCHANT_DISABLED(409, "The merchant is disabled: no new orders or payments");

  private final int httpStatus;
  private final String title;

  ErrorCode(int httpStatus, String title) {
    this.httpStatus = httpStatus;
    this.title = title;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String title() {
    return title;
  }
}
