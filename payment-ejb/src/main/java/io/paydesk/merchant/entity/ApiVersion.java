package io.paydesk.merchant.entity;

/**
 * Which of WeChat Pay's APIs PayDesk speaks for a merchant: V2 (XML, MD5/HMAC-SHA256 with the API
 * key, client certificate for refunds; also the partner API of a service provider's sub-merchant)
 * or V3 (JSON, RSA signatures, the merchant's {@link ApiV3Keys}).
 */
public enum ApiVersion {
  V2,
  V3
}
