package io.paydesk.payment.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.payment.control.WeChatOutcomes.ErrorAction;
import io.paydesk.payment.control.WeChatOutcomes.Finding;
import io.paydesk.wechatpay.ErrCode;
import io.paydesk.wechatpay.client.TradeState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WeChatOutcomesTest {

  @Test
  void everyTradeStateHasAFinding() {
    assertThat(WeChatOutcomes.of(TradeState.SUCCESS)).isEqualTo(Finding.PAID);
    assertThat(WeChatOutcomes.of(TradeState.REFUND)).isEqualTo(Finding.PAID);
    assertThat(WeChatOutcomes.of(TradeState.NOTPAY)).isEqualTo(Finding.WAITING);
    assertThat(WeChatOutcomes.of(TradeState.USERPAYING)).isEqualTo(Finding.WAITING);
    assertThat(WeChatOutcomes.of(TradeState.ACCEPT)).isEqualTo(Finding.WAITING);
    assertThat(WeChatOutcomes.of(TradeState.CLOSED)).isEqualTo(Finding.CANNOT_BE_PAID);
    assertThat(WeChatOutcomes.of(TradeState.REVOKED)).isEqualTo(Finding.CANNOT_BE_PAID);
    assertThat(WeChatOutcomes.of(TradeState.PAYERROR)).isEqualTo(Finding.CANNOT_BE_PAID);
    assertThat(WeChatOutcomes.of(TradeState.UNRECOGNIZED)).isEqualTo(Finding.UNKNOWN);
  }

  @Test
  void errorCodesMapToActionsAndUnknownOnesAreNeverGuessedAsDone() {
    assertThat(WeChatOutcomes.of(ErrCode.SYSTEMERROR)).isEqualTo(ErrorAction.RETRY);
    assertThat(WeChatOutcomes.of(ErrCode.FREQUENCY_LIMITED)).isEqualTo(ErrorAction.RETRY);
    assertThat(WeChatOutcomes.of(ErrCode.ORDERPAID)).isEqualTo(ErrorAction.QUERY_PAID);
    assertThat(WeChatOutcomes.of(ErrCode.ORDERCLOSED)).isEqualTo(ErrorAction.CLOSED);
    assertThat(WeChatOutcomes.of(ErrCode.ORDERNOTEXIST)).isEqualTo(ErrorAction.NOT_AT_WECHAT);
    assertThat(WeChatOutcomes.of(ErrCode.SIGNERROR)).isEqualTo(ErrorAction.REFUSED);
    assertThat(WeChatOutcomes.of(ErrCode.UNRECOGNIZED)).isEqualTo(ErrorAction.REFUSED);
  }

  @Test
  void backoffUsesTheLastDelayOnceTheListRunsOut() {
    Backoff backoff = Backoff.parse("PT1M, PT5M,PT15M,PT1H");
    Instant now = Instant.parse("2026-11-28T00:00:00Z");

    assertThat(backoff.next(0, now)).isEqualTo(now.plus(Duration.ofMinutes(1)));
    assertThat(backoff.next(2, now)).isEqualTo(now.plus(Duration.ofMinutes(15)));
    assertThat(backoff.next(9, now)).isEqualTo(now.plus(Duration.ofHours(1)));
  }
}
