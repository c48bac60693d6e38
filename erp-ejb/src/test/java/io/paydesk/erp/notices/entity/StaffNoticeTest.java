package io.paydesk.erp.notices.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** A staff notice's lifecycle: every edge of its table, and what each answer records. */
class StaffNoticeTest {

  static final Instant NOW = Instant.parse("2026-12-05T01:30:00Z");

  @Test
  void onlyAPendingNoticeMoves() {
    for (NoticeStatus from : NoticeStatus.values()) {
      for (NoticeStatus to : NoticeStatus.values()) {
        assertThat(from.canMoveTo(to))
            .as("%s -> %s", from, to)
            .isEqualTo(from == NoticeStatus.PENDING);
      }
    }
    assertThat(NoticeStatus.PENDING.next()).isEqualTo(EnumSet.allOf(NoticeStatus.class));
  }

  @Test
  void aNoticeIsDueAtOnceThenOnItsBackoffUntilTakenAndThenStays() {
    StaffNotice notice = notice();
    assertThat(notice.status()).isEqualTo(NoticeStatus.PENDING);
    assertThat(notice.nextAttemptAt()).isEqualTo(NOW);

    notice.retryAt(NOW.plusSeconds(10), "WeCom HTTP 503");
    assertThat(notice.attempts()).isEqualTo(1);
    assertThat(notice.nextAttemptAt()).isEqualTo(NOW.plusSeconds(10));
    assertThat(notice.view().lastAnswer()).isEqualTo("WeCom HTTP 503");

    notice.sent("918_1", "ret=0 msg=ok", NOW.plusSeconds(11));
    assertThat(notice.status()).isEqualTo(NoticeStatus.SENT);
    assertThat(notice.attempts()).isEqualTo(2);
    assertThat(notice.nextAttemptAt()).isNull();
    assertThat(notice.view().externalId()).isEqualTo("918_1");
    assertThatThrownBy(() -> notice.failed("late")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> notice.retryAt(NOW, "late")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRefusedNoticeKeepsTheChannelsWordsCutToTheColumn() {
    StaffNotice notice = notice();
    notice.failed("ret=1002 msg=" + "错".repeat(400));
    assertThat(notice.status()).isEqualTo(NoticeStatus.FAILED);
    assertThat(notice.view().lastAnswer()).hasSize(StaffNotice.MAX_ANSWER).endsWith("…");
  }

  @Test
  void aNoticeNeedsItsSubjectAndText() {
    assertThatThrownBy(
            () -> new StaffNotice(Channel.WECOM, Topic.ORDER_PAID, " ", null, "system", "x", NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new StaffNotice(
                    Channel.FEIEYUN,
                    Topic.TICKET,
                    "SO1",
                    "SO1",
                    "system",
                    "x".repeat(StaffNotice.MAX_CONTENT + 1),
                    NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static StaffNotice notice() {
    return new StaffNotice(
        Channel.FEIEYUN, Topic.TICKET, "SO1", "SO1", "system", "<CB>x</CB>", NOW);
  }
}
