package io.paydesk.refund.boundary;

import io.paydesk.gateway.boundary.WeChatPayGateway;
import io.paydesk.gateway.entity.NotificationReply;
import io.paydesk.gateway.entity.RefundNotice;
import io.paydesk.gateway.entity.RefundProgress;
import io.paydesk.gateway.entity.RefundReport;
import io.paydesk.payment.boundary.OrderService;
import io.paydesk.payment.boundary.PaymentLookup;
import io.paydesk.payment.boundary.RefundableOrder;
import io.paydesk.platform.audit.boundary.Audited;
import io.paydesk.platform.client.entity.Scope;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.job.boundary.OneAtATime;
import io.paydesk.platform.staff.boundary.StaffService;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.refund.control.RefundNumbers;
import io.paydesk.refund.control.RefundPolicy;
import io.paydesk.refund.control.RefundRecords;
import io.paydesk.refund.control.WeChatRefunds;
import io.paydesk.refund.entity.NewRefund;
import io.paydesk.refund.entity.OfflineSettlement;
import io.paydesk.refund.entity.Refund;
import io.paydesk.refund.entity.RefundStatus;
import io.paydesk.refund.entity.RefundTerms;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refunds: the transaction boundary the shop API, the admin console and ERP commands go through.
 * Requesting, approving and rejecting are one JTA transaction each; a state change, its history row
 * and its event (observed by the outbox in the same transaction) commit or roll back together. The
 * submission to WeChat starts after the approval commits, never inside it.
 *
 * <p>Who may do what: anyone calling the boundary may request a refund and read refunds; only
 * {@code FINANCE} approves and rejects, as the caller principal; a trusted system approves through
 * {@link #approveAs} only when configuration allows it; small refunds are approved automatically
 * ("auto") by the configured policy, inside {@link #request}.
 */
@Stateless
@DeclareRoles({Role.FINANCE_NAME, Role.SUPPORT_NAME, Role.ADMIN_NAME})
// Permitted unless a method says otherwise: requests come from the shop API (whose resource demands
// refunds:request first) and from the ERP's JMS commands (no caller of their own); notifications
// come from WeChat, verified by signature. Approving, rejecting and reading declare their roles.
@PermitAll
public class RefundService {

  /** The approver recorded when the policy approves a refund at request time. */
  public static final String AUTO = "auto";

  private static final Logger LOG = Logger.getLogger(RefundService.class.getName());

  /**
   * Repeats of one refund notification wait for each other here rather than in the database, each
   * holding a pooled connection (see {@link OneAtATime}).
   */
  private static final OneAtATime ONE_PER_REFUND = new OneAtATime(256, Duration.ofSeconds(10));

  @PersistenceContext(unitName = "refund")
  EntityManager em;

  @EJB OrderService orders;
  @EJB RefundRecords records;
  @EJB WeChatRefunds wechat;
  @EJB WeChatPayGateway gateway;
  @EJB PaymentLookup payments;
  @EJB StaffService staff;

  @Resource SessionContext context;

  @Inject Event<RefundRequested> requested;
  @Inject Event<RefundApproved> approved;
  @Inject Event<RefundRejected> rejected;
  @Inject Event<RefundSettledOffline> settledOffline;

  @Inject
  @ConfigProperty(name = "paydesk.refund.auto-approve-below", defaultValue = "0")
  long autoApproveBelow;

  @Inject
  @ConfigProperty(name = "paydesk.refund.four-eyes-from", defaultValue = "100000")
  long fourEyesFrom;

  @Inject
  @ConfigProperty(name = "paydesk.refund.max-pending-per-order", defaultValue = "10")
  int maxPending;

  @Inject
  @ConfigProperty(name = "paydesk.refund.erp-approval", defaultValue = "false")
  boolean erpApproval;

  /**
   * Requests a refund of part or all of a paid order, or returns the refund already requested under
   * the same {@code requestId} for this order (the same requestId with another amount or reason is
   * a conflict). The order's row is locked first, so that concurrent requests are decided one after
   * the other: together they never exceed the amount paid. Approved at once (by "auto") when the
   * policy says so.
   *
   * @throws PayDeskException ORDER_NOT_FOUND, INVALID_REQUEST, REQUEST_ID_CONFLICT,
   *     REFUND_NOT_ALLOWED, REFUND_EXCEEDS_PAID, REFUND_LIMIT
   */
  @Audited("refund.request")
  public RefundView request(NewRefund spec, String actor) {
    return requestAs(spec, actor);
  }

  /**
   * A member of staff (SUPPORT or FINANCE) asks for a refund from the order's page or the staff
   * API, as the caller principal: the same request as the shop's ({@link #request}), under the same
   * rules — the order's lock, what is left to refund, the pending cap, automatic approval below
   * {@code paydesk.refund.auto-approve-below} and four eyes from {@code
   * paydesk.refund.four-eyes-from}. {@code requestId} makes it idempotent (the console fixes one
   * per form).
   *
   * @throws PayDeskException as {@link #request}
   */
  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME})
  @Audited(value = "refund.request-by-staff", detail = 2)
  public RefundView requestByStaff(String orderNo, Long amount, String reason, String requestId) {
    if (orderNo != null) {
      orders.find(orderNo); // ORDER_NOT_FOUND for another merchant's order (staff limited to some)
    }
    return requestAs(new NewRefund(orderNo, amount, reason, requestId), caller());
  }

  /**
   * The caller (FINANCE) records that a refund WeChat could not pay to the buyer's bank card
   * (FAILED with CHANGE; the money went back to the merchant account) was paid to the buyer another
   * way: SETTLED_OFFLINE, with how, the reference and a note, which ends it. Its amount counts as
   * refunded again, so the order moves as for a refund WeChat paid (PARTIALLY_REFUNDED or REFUNDED)
   * — unless, since the failure, other refunds took what is left of the order, in which case it is
   * refused. State, history, the order's move and {@link RefundSettledOffline} commit together;
   * recording it again changes nothing.
   *
   * @throws PayDeskException REFUND_NOT_FOUND, INVALID_REQUEST, REFUND_ILLEGAL_TRANSITION (not a
   *     CHANGE failure), REFUND_EXCEEDS_PAID
   */
  @RolesAllowed(Role.FINANCE_NAME)
  @Audited(value = "refund.settle-offline", detail = 1)
  public RefundView settleOffline(String outRefundNo, OfflineSettlement settlement) {
    if (settlement == null) {
      throw new PayDeskException(ErrorCode.INVALID_REQUEST, "how it was settled is required");
    }
    Refund refund = visible(lock(outRefundNo));
    if (refund.status() == RefundStatus.SETTLED_OFFLINE) {
      return RefundView.of(refund);
    }
    String by = caller();
    RefundableOrder order = orders.lockForRefund(refund.orderNo());
    List<Refund> others =
        refundsOf(refund.orderNo()).stream()
            .filter(r -> !r.outRefundNo().equals(outRefundNo))
            .toList();
    long left = RefundPolicy.refundable(order.amountPaid(), others);
    if (refund.amount() > left) {
      throw new PayDeskException(
          ErrorCode.REFUND_EXCEEDS_PAID,
          "order "
              + refund.orderNo()
              + " has "
              + left
              + " fen left to refund since other refunds were asked for; refund "
              + outRefundNo
              + " of "
              + refund.amount()
              + " fen cannot be settled offline on top of them");
    }
    Instant now = Instant.now();
    refund.settleOffline(settlement, by, now);
    orders.refunded(refund.orderNo(), outRefundNo, refund.amount(), by);
    em.flush();
    settledOffline.fire(
        new RefundSettledOffline(
            refund.orderNo(),
            outRefundNo,
            refund.amount(),
            settlement.method().name(),
            settlement.reference(),
            by,
            now,
            merchantOf(refund)));
    LOG.info(
        () ->
            "refund settled offline outRefundNo="
                + outRefundNo
                + " orderNo="
                + refund.orderNo()
                + " method="
                + settlement.method()
                + " by="
                + by);
    return RefundView.of(refund);
  }

  private RefundView requestAs(NewRefund spec, String actor) {
    Refund.validate(spec, actor);
    RefundableOrder order = orders.lockForRefund(spec.orderNo());
    Optional<Refund> existing =
        em.createNamedQuery(Refund.BY_REQUEST_ID, Refund.class)
            .setParameter("orderNo", spec.orderNo())
            .setParameter("requestId", spec.requestId())
            .getResultStream()
            .findFirst();
    if (existing.isPresent()) {
      if (!existing.get().matches(spec)) {
        throw new PayDeskException(
            ErrorCode.REQUEST_ID_CONFLICT,
            "request "
                + spec.requestId()
                + " of order "
                + spec.orderNo()
                + " asked for a different amount or reason");
      }
      return RefundView.of(existing.get());
    }
    Instant now = Instant.now();
    RefundPolicy policy = policy();
    policy.check(order, refundsOf(spec.orderNo()), spec.amount(), now);
    Refund refund =
        Refund.request(
            spec,
            new RefundTerms(
                RefundNumbers.newOutRefundNo(now),
                order.outTradeNo(),
                order.amountPaid(),
                policy.approvalsRequired(spec.amount()),
                order.outTradeNo() == null
                    ? null
                    : payments.merchantOfTrade(order.outTradeNo()).orElse(null)),
            actor,
            now);
    em.persist(refund);
    flush(spec);
    requested.fire(
        new RefundRequested(
            refund.orderNo(),
            refund.outRefundNo(),
            refund.amount(),
            refund.reason(),
            actor,
            now,
            merchantOf(refund)));
    LOG.info(
        () ->
            "refund requested outRefundNo="
                + refund.outRefundNo()
                + " orderNo="
                + refund.orderNo()
                + " amount="
                + refund.amount()
                + " by="
                + actor);
    if (policy.autoApproves(refund.amount())) {
      recordApproval(refund, AUTO);
    }
    return RefundView.of(refund);
  }

  /**
   * The caller (role FINANCE) approves. From the four-eyes threshold on, the second approval must
   * come from someone else; approving an approved refund changes nothing, so two clicks at once
   * submit it once.
   *
   * @throws PayDeskException REFUND_NOT_FOUND, REFUND_SECOND_APPROVER_REQUIRED,
   *     REFUND_ILLEGAL_TRANSITION
   */
  @RolesAllowed(Role.FINANCE_NAME)
  @Audited("refund.approve")
  public RefundView approve(String outRefundNo) {
    Refund refund = visible(lock(outRefundNo));
    recordApproval(refund, caller());
    return RefundView.of(refund);
  }

  /**
   * The caller (role FINANCE) rejects a refund waiting for approval; the reason is required.
   * Rejecting it again changes nothing.
   */
  @RolesAllowed(Role.FINANCE_NAME)
  @Audited(value = "refund.reject", detail = 1)
  public RefundView reject(String outRefundNo, String reason) {
    Refund refund = visible(lock(outRefundNo));
    String approver = caller();
    Instant now = Instant.now();
    if (refund.reject(approver, reason, now)) {
      em.flush();
      rejected.fire(
          new RefundRejected(
              refund.orderNo(),
              refund.outRefundNo(),
              refund.amount(),
              approver,
              reason.strip(),
              now,
              merchantOf(refund)));
      LOG.info(() -> "refund rejected outRefundNo=" + outRefundNo + " by=" + approver);
    }
    return RefundView.of(refund);
  }

  /**
   * A trusted system approves, for refunds that need one approval only, and only when configuration
   * allows that system ({@code paydesk.refund.erp-approval}); off by default. Not for the shop API.
   *
   * @throws PayDeskException REFUND_APPROVAL_FORBIDDEN when not allowed
   */
  public RefundView approveAs(String outRefundNo, SystemActor actor) {
    if (actor != SystemActor.ERP || !erpApproval) {
      throw new PayDeskException(
          ErrorCode.REFUND_APPROVAL_FORBIDDEN,
          actor + " may not approve refunds (paydesk.refund.erp-approval)");
    }
    Refund refund = lock(outRefundNo);
    if (refund.approvalsRequired() > 1) {
      throw new PayDeskException(
          ErrorCode.REFUND_APPROVAL_FORBIDDEN,
          "refund " + outRefundNo + " needs two people to approve it, not " + actor);
    }
    recordApproval(refund, actor.actorName());
    return RefundView.of(refund);
  }

  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME, Scope.REFUNDS_READ_NAME})
  public RefundView find(String outRefundNo) {
    return em.createNamedQuery(Refund.BY_OUT_REFUND_NO, Refund.class)
        .setParameter("outRefundNo", outRefundNo)
        .getResultStream()
        .findFirst()
        .filter(this::isVisible)
        .map(RefundView::of)
        .orElseThrow(
            () -> new PayDeskException(ErrorCode.REFUND_NOT_FOUND, "no refund " + outRefundNo));
  }

  /** An order's refunds, oldest first. */
  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME, Scope.REFUNDS_READ_NAME})
  public List<RefundView> ofOrder(String orderNo) {
    return refundsOf(orderNo).stream().filter(this::isVisible).map(RefundView::of).toList();
  }

  /** The refund, if PayDesk has one with this number (no error when it has none). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<RefundView> lookup(String outRefundNo) {
    return em.createNamedQuery(Refund.BY_OUT_REFUND_NO, Refund.class)
        .setParameter("outRefundNo", outRefundNo)
        .getResultStream()
        .findFirst()
        .map(RefundView::of);
  }

  /**
   * The system's "ask WeChat now" for a refund WeChat may have settled (reconciliation's repair of
   * a refund whose bill line PayDesk has not caught up with): asks how an APPROVED or PROCESSING
   * refund stands and applies the answer, outside any transaction; answers the refund as it is
   * then. Refunds in any other state are left as they are.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Optional<RefundView> settleWithWeChat(String outRefundNo) {
    wechat.check(outRefundNo);
    return lookup(outRefundNo);
  }

  /**
   * Staff's "ask WeChat now": submits an approved refund that is due, or asks WeChat how an
   * accepted one stands, outside any transaction.
   */
  @RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  @Audited("refund.query-wechat")
  public RefundView checkWithWeChat(String outRefundNo) {
    RefundView before = find(outRefundNo);
    switch (before.status()) {
      case APPROVED -> wechat.submit(outRefundNo);
      case PROCESSING -> wechat.check(outRefundNo);
      default -> {}
    }
    return find(outRefundNo);
  }

  /**
   * Answers WeChat's refund notification in exactly the XML WeChat expects. It is decrypted and
   * checked by the protocol library, checked against the refund PayDesk asked for, and applied
   * under the refund's row lock: a repeat answers SUCCESS and changes nothing; anything that does
   * not decrypt or verify answers FAIL and changes nothing.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public String onRefundNotification(byte[] body) {
    return onRefundNotification(body, null);
  }

  /**
   * Answers a refund notification posted to merchant {@code mchId}'s notify URL (null: the first
   * merchant's): decrypted with that merchant's key only, and applied only to a refund of that
   * merchant's order.
   */
  // Permitted: as onRefundNotification(byte[]).
  @PermitAll
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public String onRefundNotification(byte[] body, String mchId) {
    NotificationReply reply;
    try {
      RefundNotice notice = gateway.decodeRefund(body, mchId);
      reply = take(notice, gateway.merchantId(mchId));
    } catch (PayDeskException e) {
      LOG.warning(() -> "refund notification not handled reason=" + e.code());
      return WeChatPayGateway.notTaken(e.code().name());
    }
    return reply.isTaken()
        ? WeChatPayGateway.acknowledged()
        : WeChatPayGateway.notTaken(reply.reason());
  }

  /**
   * Takes an API v3 refund notification ({@code header} looks the {@code Wechatpay-*} headers up by
   * name) as {@link #onRefundNotification} does; the notify URL answers WeChat from the reply.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public NotificationReply onRefundNotificationV3(Function<String, String> header, byte[] body) {
    return onRefundNotificationV3(header, body, null);
  }

  /**
   * Takes an API v3 refund notification posted to merchant {@code mchId}'s v3 notify URL (null: the
   * first merchant's): decrypted with that merchant's keys only, and applied only to a refund of
   * that merchant's order.
   */
  // Permitted: as onRefundNotification(byte[]).
  @PermitAll
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public NotificationReply onRefundNotificationV3(
      Function<String, String> header, byte[] body, String mchId) {
    try {
      RefundNotice notice = gateway.decodeRefundV3(header, body, mchId);
      // a rejected notification names no merchant to ask about
      return take(
          notice, notice instanceof RefundNotice.Rejected ? null : gateway.merchantId(mchId));
    } catch (PayDeskException e) {
      LOG.warning(() -> "refund notification not handled reason=" + e.code());
      return NotificationReply.notTaken(e.code().name());
    }
  }

  /** Applies a decoded notification to a refund of merchant {@code merchant}'s order. */
  private NotificationReply take(RefundNotice notice, String merchant) {
    if (notice instanceof RefundNotice.Rejected rejected) {
      LOG.warning(
          () ->
              "refund notification rejected reason=" + rejected.reason() + " " + rejected.detail());
      return NotificationReply.rejected("rejected: " + rejected.reason());
    }
    RefundReport report = ((RefundNotice.Reported) notice).report();
    String outRefundNo = report.outRefundNo();
    if (!payments.merchantOfTrade(report.outTradeNo()).map(merchant::equals).orElse(false)) {
      LOG.warning(
          () ->
              "refund notification for another merchant's order refused outRefundNo="
                  + outRefundNo
                  + " notifiedMchId="
                  + merchant);
      return NotificationReply.notTaken(ErrorCode.REFUND_NOT_FOUND.name());
    }
    try {
      if (ONE_PER_REFUND
          .run(
              outRefundNo,
              () -> {
                records.apply(report, "wechat-notification");
                return true;
              })
          .isEmpty()) {
        LOG.warning(
            () ->
                "refund notification not recorded: its refund stayed busy, WeChat will repeat it"
                    + " outRefundNo="
                    + outRefundNo);
        return NotificationReply.notTaken("try again");
      }
    } catch (PayDeskException e) {
      LOG.warning(
          () ->
              "refund notification refused outRefundNo="
                  + outRefundNo
                  + " code="
                  + e.code()
                  + " detail="
                  + e.getMessage());
      return NotificationReply.notTaken(e.code().name());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "refund notification not recorded, WeChat will repeat it outRefundNo=" + outRefundNo,
          e);
      return NotificationReply.notTaken("try again");
    }
    if (report.progress() == RefundProgress.UNKNOWN) {
      LOG.warning(
          () ->
              "refund notification with an unknown refund_status outRefundNo="
                  + outRefundNo
                  + " "
                  + report.said());
      return NotificationReply.notTaken("unknown refund_status");
    }
    return NotificationReply.taken();
  }

  private void recordApproval(Refund refund, String approver) {
    Instant now = Instant.now();
    Refund.Approval result = refund.approve(approver, now);
    em.flush();
    switch (result) {
      case APPROVED -> {
        approved.fire(
            new RefundApproved(
                refund.orderNo(),
                refund.outRefundNo(),
                refund.amount(),
                refund.approvers(),
                now,
                merchantOf(refund)));
        LOG.info(
            () ->
                "refund approved outRefundNo="
                    + refund.outRefundNo()
                    + " approvers="
                    + refund.approvers());
      }
      case FIRST_OF_TWO ->
          LOG.info(
              () ->
                  "refund approved once, a second approver is needed outRefundNo="
                      + refund.outRefundNo()
                      + " by="
                      + approver);
      case ALREADY_APPROVED -> {}
    }
  }

  private RefundPolicy policy() {
    return new RefundPolicy(autoApproveBelow, fourEyesFrom, maxPending);
  }

  private List<Refund> refundsOf(String orderNo) {
    return em.createNamedQuery(Refund.OF_ORDER, Refund.class)
        .setParameter("orderNo", orderNo)
        .getResultList();
  }

  private void flush(NewRefund spec) {
    try {
      em.flush();
    } catch (PersistenceException race) {
      throw new PayDeskException(
          ErrorCode.CONCURRENT_REQUEST,
          "request "
              + spec.requestId()
              + " of order "
              + spec.orderNo()
              + " is being recorded by a concurrent request; retry");
    }
  }

  private String caller() {
    return context.getCallerPrincipal().getName();
  }

  private Refund lock(String outRefundNo) {
    return em.createNamedQuery(Refund.BY_OUT_REFUND_NO, Refund.class)
        .setParameter("outRefundNo", outRefundNo)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst()
        .orElseThrow(
            () -> new PayDeskException(ErrorCode.REFUND_NOT_FOUND, "no refund " + outRefundNo));
  }

  /**
   * Whether the caller may see the refund: staff limited to some merchants see only those
   * merchants' refunds; anyone else (other staff, API clients, PayDesk itself) every refund.
   */
  private boolean isVisible(Refund refund) {
    return staff.callerMaySee(refund.mchId());
  }

  /** The refund, or REFUND_NOT_FOUND when the caller may not see it (see {@link #isVisible}). */
  private Refund visible(Refund refund) {
    if (!isVisible(refund)) {
      throw new PayDeskException(ErrorCode.REFUND_NOT_FOUND, "no refund " + refund.outRefundNo());
    }
    return refund;
  }

  /** The merchant of the refund's order, which the refund events carry (null: none known). */
  private String merchantOf(Refund refund) {
    if (refund.mchId() != null || refund.outTradeNo() == null) {
      return refund.mchId();
    }
    return payments.merchantOfTrade(refund.outTradeNo()).orElse(null);
  }
}
