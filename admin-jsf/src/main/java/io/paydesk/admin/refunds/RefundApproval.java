package io.paydesk.admin.refunds;

import io.paydesk.admin.Feedback;
import io.paydesk.payment.boundary.OrderService;
import io.paydesk.payment.boundary.OrderView;
import io.paydesk.refund.boundary.RefundQueue;
import io.paydesk.refund.boundary.RefundService;
import io.paydesk.refund.boundary.RefundView;
import io.paydesk.refund.entity.OfflineMethod;
import io.paydesk.refund.entity.OfflineSettlement;
import io.paydesk.refund.entity.RefundFailure;
import io.paydesk.refund.entity.RefundStatus;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finance's approval queue: refunds waiting for a first or second approval with their order's
 * context, approve or reject with a reason; and the refunds that failed, with what to do next. The
 * boundary decides (FINANCE only, four eyes); this bean shows what it answered.
 */
@Named
@ViewScoped
public class RefundApproval implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB RefundQueue queue;
  @EJB RefundService refunds;
  @EJB OrderService orders;
  @Inject SecurityContext security;

  /** The reason typed beside each refund, by out_refund_no. */
  private final Map<String, String> reasons = new HashMap<>();

  /** An offline settlement typed beside each CHANGE failure, by out_refund_no. */
  private final Map<String, String> offlineMethods = new HashMap<>();

  private final Map<String, String> offlineReferences = new HashMap<>();
  private final Map<String, String> offlineNotes = new HashMap<>();

  private transient List<RefundView> waiting;
  private transient List<RefundView> failed;
  private transient Map<String, OrderContext> contexts;

  /** What finance needs to know of the order behind a refund. */
  public record OrderContext(OrderView order, long refunded, long committed) {}

  @PostConstruct
  void init() {
    reload();
  }

  public void approve(String outRefundNo) {
    RefundView refund = Feedback.call(() -> refunds.approve(outRefundNo), null);
    if (refund != null && refund.status() == RefundStatus.PENDING_SECOND_APPROVAL) {
      Feedback.info("approval.firstRecorded", outRefundNo);
    } else if (refund != null) {
      Feedback.info("approval.approved", outRefundNo);
    }
    reload();
  }

  public void reject(String outRefundNo) {
    String reason = reasons.get(outRefundNo);
    if (reason == null || reason.isBlank()) {
      Feedback.error("approval.reasonRequired", outRefundNo);
      return;
    }
    if (Feedback.run(() -> refunds.reject(outRefundNo, reason), "approval.rejected", outRefundNo)) {
      reasons.remove(outRefundNo);
    }
    reload();
  }

  /**
   * Records that a refund WeChat could not pay to the buyer's bank card (CHANGE) was paid another
   * way, with how, the reference and a note (FINANCE; the boundary decides).
   */
  public void settleOffline(String outRefundNo) {
    String method = offlineMethods.get(outRefundNo);
    if (method == null || method.isBlank()) {
      Feedback.error("offline.methodRequired", outRefundNo);
      return;
    }
    if (Feedback.run(
        () ->
            refunds.settleOffline(
                outRefundNo,
                new OfflineSettlement(
                    OfflineMethod.valueOf(method),
                    offlineReferences.get(outRefundNo),
                    offlineNotes.get(outRefundNo))),
        "offline.done",
        outRefundNo)) {
      offlineMethods.remove(outRefundNo);
      offlineReferences.remove(outRefundNo);
      offlineNotes.remove(outRefundNo);
    }
    reload();
  }

  public OfflineMethod[] getOfflineMethodChoices() {
    return OfflineMethod.values();
  }

  public Map<String, String> getOfflineMethods() {
    return offlineMethods;
  }

  public Map<String, String> getOfflineReferences() {
    return offlineReferences;
  }

  public Map<String, String> getOfflineNotes() {
    return offlineNotes;
  }

  public void reload() {
    waiting = queue.awaitingApproval();
    failed = queue.failed();
    contexts = new HashMap<>();
  }

  /** Whether the current user already gave this refund its first approval. */
  public boolean approvedByMe(RefundView refund) {
    return refund.approvers().contains(security.getCallerPrincipal().getName());
  }

  /** The order behind a refund: amount paid, what was refunded, what is already asked for. */
  public OrderContext context(String orderNo) {
    if (contexts == null) {
      contexts = new HashMap<>();
    }
    return contexts.computeIfAbsent(
        orderNo,
        no -> {
          OrderView order = orders.find(no);
          List<RefundView> all = refunds.ofOrder(no);
          long refunded =
              all.stream()
                  .filter(
                      r ->
                          r.status() == RefundStatus.REFUNDED
                              || r.status() == RefundStatus.SETTLED_OFFLINE)
                  .mapToLong(RefundView::amount)
                  .sum();
          long committed =
              all.stream()
                  .filter(
                      r ->
                          r.status() != RefundStatus.REFUNDED
                              && r.status() != RefundStatus.SETTLED_OFFLINE
                              && r.status() != RefundStatus.FAILED
                              && r.status() != RefundStatus.REJECTED)
                  .mapToLong(RefundView::amount)
                  .sum();
          return new OrderContext(order, refunded, committed);
        });
  }

  /** What staff can do about a failed refund, from why it failed: the bundle key of the text. */
  public String nextStep(RefundView refund) {
    RefundFailure failure = refund.failure();
    if (failure == null) {
      return "approval.next.other";
    }
    return switch (failure) {
      case NOT_ENOUGH_FUNDS -> "approval.next.NOTENOUGH";
      case BANK_CARD_FAILED -> "approval.next.CHANGE";
      case CLOSED_AT_WECHAT -> "approval.next.REFUNDCLOSE";
      case REFUSED -> "approval.next.other";
    };
  }

  public List<RefundView> getWaiting() {
    if (waiting == null) {
      reload();
    }
    return waiting;
  }

  public List<RefundView> getFailed() {
    if (failed == null) {
      reload();
    }
    return failed;
  }

  public Map<String, String> getReasons() {
    return reasons;
  }
}
