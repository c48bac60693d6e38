package io.paydesk.erp.notices.entity;

/** Where a staff notice goes: the WeCom group robot, or the Feieyun cloud receipt printer. */
public enum Channel {
  WECOM,
  FEIEYUN
}
