package io.paydesk.erp.notices.control;

import io.paydesk.erp.notices.entity.Channel;
import io.paydesk.erp.notices.entity.NoticeStatus;
import io.paydesk.erp.notices.entity.NoticeView;
import io.paydesk.erp.notices.entity.SendOutcome;
import io.paydesk.erp.notices.entity.StaffNotice;
import io.paydesk.erp.notices.entity.Topic;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The notice relay's reads and writes, each in its own short transaction with the row locked. No
 * call to WeCom or Feieyun happens inside them.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class NoticeStore {

  private static final Logger LOG = Logger.getLogger(NoticeStore.class.getName());

  @PersistenceContext(unitName = "erp")
  EntityManager em;

  /** A due notice: where it goes, what it says, and how often it was tried before. */
  public record Pending(
      long id, Channel channel, Topic topic, String subject, String content, int attempts) {}

  /** The ids of the notices due now, the most overdue first. */
  public List<String> due(Instant now, int max) {
    return em.createNamedQuery(StaffNotice.DUE, Long.class)
        .setParameter("pending", NoticeStatus.PENDING)
        .setParameter("now", now.atOffset(ZoneOffset.UTC))
        .setMaxResults(max)
        .getResultStream()
        .map(String::valueOf)
        .toList();
  }

  /** The notice if it is still pending and due at {@code now}. */
  public Optional<Pending> pending(long id, Instant now) {
    return Optional.ofNullable(em.find(StaffNotice.class, id))
        .filter(n -> n.status() == NoticeStatus.PENDING)
        .filter(n -> n.nextAttemptAt() != null && !n.nextAttemptAt().isAfter(now))
        .map(
            n ->
                new Pending(
                    n.id(), n.channel(), n.topic(), n.subject(), n.content(), n.attempts()));
  }

  /** Records the channel's answer; {@code retryAt} is when a {@code Retry} is tried again. */
  public void answered(long id, SendOutcome outcome, Instant now, Instant retryAt) {
    StaffNotice notice = em.find(StaffNotice.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (notice == null || notice.status() != NoticeStatus.PENDING) {
      return;
    }
    if (outcome instanceof SendOutcome.Sent sent) {
      notice.sent(sent.externalId(), sent.answer(), now);
    } else if (outcome instanceof SendOutcome.Retry retry) {
      notice.retryAt(retryAt, retry.answer());
    } else if (outcome instanceof SendOutcome.Refused refused) {
      notice.failed(refused.answer());
      LOG.warning(
          () ->
              "staff notice refused id="
                  + id
                  + " channel="
                  + notice.channel()
                  + " topic="
                  + notice.topic()
                  + " subject="
                  + notice.subject()
                  + " "
                  + refused.answer());
    }
  }

  /** Recorded as not sent: its channel is off now. */
  public void dropped(long id, String why) {
    StaffNotice notice = em.find(StaffNotice.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (notice != null && notice.status() == NoticeStatus.PENDING) {
      notice.dropped(why);
    }
  }

  /** The step threw: the notice goes back on its backoff with why. */
  public void putBack(long id, Instant retryAt, String why) {
    StaffNotice notice = em.find(StaffNotice.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (notice != null && notice.status() == NoticeStatus.PENDING) {
      notice.retryAt(retryAt, why);
    }
  }

  /** How often a notice was tried, for its backoff; 0 when it is gone. */
  public int attempts(long id) {
    StaffNotice notice = em.find(StaffNotice.class, id);
    return notice == null ? 0 : notice.attempts();
  }

  /** An order's notices on one channel (its print history), newest first. */
  public List<NoticeView> ofOrder(String orderNo, Channel channel) {
    return em.createNamedQuery(StaffNotice.OF_ORDER, StaffNotice.class)
        .setParameter("orderNo", orderNo)
        .setParameter("channel", channel)
        .setMaxResults(50)
        .getResultStream()
        .map(StaffNotice::view)
        .toList();
  }
}
