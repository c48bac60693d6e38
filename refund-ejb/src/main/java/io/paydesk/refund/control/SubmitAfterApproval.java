package io.paydesk.refund.control;

import io.paydesk.refund.boundary.RefundApproved;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Starts the submission of a refund once its approval has committed: never inside the approval's
 * transaction. If it does not happen (a crash, WeChat away), the janitor submits it.
 */
@ApplicationScoped
public class SubmitAfterApproval {

  @EJB WeChatRefunds wechat;

  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) RefundApproved approved) {
    wechat.submitSoon(approved.outRefundNo());
  }
}
