package io.paydesk.refund.entity;

/** How a refund WeChat could not pay out was paid to the buyer instead. */
public enum OfflineMethod {
  BANK_TRANSFER,
  CASH,
  OTHER
}
