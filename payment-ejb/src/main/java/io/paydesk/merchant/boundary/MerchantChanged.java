package io.paydesk.merchant.boundary;

/**
 * A merchant was registered, changed, disabled or enabled: fired inside the change's transaction,
 * observed after its commit by whoever caches merchants (the WeChat gateway).
 */
public record MerchantChanged(String mchId) {}
