package io.paydesk.merchant.entity;

/**
 * Which of WeChat Pay's APIs PayDesk speaks for a merchant. V2 (XML, MD5/HMAC-SHA256 with the API
 * key) is what the gateway calls today; V3 is recorded for the merchants that will move to it.
 */
public enum ApiVersion {
  V2,
  V3
}
