package io.paydesk.wechatpay.v3;

import io.paydesk.wechatpay.v3.json.JsonObject;

/**
 * The answer of {@code GET /v3/bill/tradebill}: where to download the bill (the link is valid for
 * 30 seconds) and the hash of its (uncompressed) content.
 */
public record TradeBill(String hashType, String hashValue, String downloadUrl) {
  static TradeBill from(JsonObject j) {
    return new TradeBill(j.string("hash_type"), j.string("hash_value"), j.string("download_url"));
  }
}
