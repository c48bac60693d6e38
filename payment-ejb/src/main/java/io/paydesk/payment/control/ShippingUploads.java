package io.paydesk.payment.control;

import io.paydesk.gateway.entity.ShippingReport;
import io.paydesk.gateway.entity.ShippingUploadOutcome;
import io.paydesk.payment.entity.ShippingUpload;
import io.paydesk.payment.entity.UploadStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The shipping-information outbox: which uploads are due, what to send for one, and WeChat's answer
 * recorded, each in its own short transaction with the row locked. No call to WeChat happens inside
 * these transactions.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ShippingUploads {

  private static final Logger LOG = Logger.getLogger(ShippingUploads.class.getName());

  @PersistenceContext(unitName = "payment")
  EntityManager em;

  /** The orderNos of the uploads due now, the most overdue first. */
  public List<String> due(Instant now, int max) {
    return em.createNamedQuery(ShippingUpload.DUE, String.class)
        .setParameter("pending", UploadStatus.PENDING)
        .setParameter("now", now.atOffset(java.time.ZoneOffset.UTC))
        .setMaxResults(max)
        .getResultList();
  }

  /** What to send for a pending upload due at {@code now}; empty when there is nothing to send. */
  public Optional<Pending> pending(String orderNo, Instant now) {
    return find(orderNo, false)
        .filter(u -> u.status() == UploadStatus.PENDING)
        .filter(u -> u.nextAttemptAt() != null && !u.nextAttemptAt().isAfter(now))
        .map(u -> new Pending(report(u), u.attempts()));
  }

  /** A due upload: what to send and how often it was tried before. */
  public record Pending(ShippingReport report, int attempts) {}

  /** Records WeChat's answer; {@code retryAt} is when a {@code Retry} is tried again. */
  public void answered(
      String orderNo, ShippingUploadOutcome outcome, Instant now, Instant retryAt) {
    ShippingUpload upload = find(orderNo, true).orElseThrow();
    if (upload.status() != UploadStatus.PENDING) {
      return;
    }
    if (outcome instanceof ShippingUploadOutcome.Uploaded) {
      upload.uploaded(now);
    } else if (outcome instanceof ShippingUploadOutcome.Retry retry) {
      upload.retryAt(retryAt, retry.reason());
    } else if (outcome instanceof ShippingUploadOutcome.Refused refused) {
      upload.failed(refused.reason());
      LOG.warning(
          () ->
              "shipping info refused orderNo="
                  + orderNo
                  + " attempts="
                  + upload.attempts()
                  + " "
                  + refused.reason());
    }
  }

  /** The step threw: the upload goes back on its backoff with why. */
  public void putBack(String orderNo, Instant retryAt, String why) {
    find(orderNo, true)
        .filter(u -> u.status() == UploadStatus.PENDING)
        .ifPresent(u -> u.retryAt(retryAt, why));
  }

  /** Staff send a failed upload again now; answers false when it is not failed. */
  public boolean again(String orderNo, Instant now) {
    Optional<ShippingUpload> upload = find(orderNo, true);
    if (upload.isEmpty() || upload.get().status() != UploadStatus.FAILED) {
      return false;
    }
    upload.get().again(now);
    return true;
  }

  private Optional<ShippingUpload> find(String orderNo, boolean lock) {
    var query =
        em.createNamedQuery(ShippingUpload.BY_ORDER_NO, ShippingUpload.class)
            .setParameter("orderNo", orderNo);
    if (lock) {
      query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
    }
    return query.getResultStream().findFirst();
  }

  private static ShippingReport report(ShippingUpload u) {
    return new ShippingReport(
        u.orderNo(),
        u.outTradeNo(),
        u.transactionId(),
        u.openid(),
        u.method(),
        u.expressCompany(),
        u.trackingNo(),
        u.itemDesc(),
        u.receiverContact(),
        u.shippedAt());
  }
}
