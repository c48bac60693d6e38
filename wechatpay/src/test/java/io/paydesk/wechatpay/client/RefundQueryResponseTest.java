package io.paydesk.wechatpay.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.WeChatPayException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundQueryResponseTest {
  @Test
  void indexedFieldsBecomeRefunds() {
    Map<String, String> f = new HashMap<>();
    f.put("out_trade_no", "T1");
    f.put("transaction_id", "4200000001");
    f.put("total_fee", "100");
    f.put("refund_count", "2");
    f.put("out_refund_no_0", "R1");
    f.put("refund_id_0", "5001");
    f.put("refund_fee_0", "30");
    f.put("refund_status_0", "SUCCESS");
    f.put("refund_success_time_0", "2016-07-25 15:26:26");
    f.put("refund_recv_accout_0", "支付用户的零钱");
    f.put("out_refund_no_1", "R2");
    f.put("refund_id_1", "5002");
    f.put("refund_fee_1", "70");
    f.put("refund_status_1", "CHANGE");
    f.put("refund_status_9", "IGNORED");

    RefundQueryResponse response = RefundQueryResponse.from(f);

    assertThat(response.refunds()).hasSize(2);
    assertThat(response.find("R1").orElseThrow().successTime())
        .isEqualTo(Instant.parse("2016-07-25T07:26:26Z"));
    assertThat(response.find("R2").orElseThrow().status()).isEqualTo(RefundStatus.CHANGE);
    assertThat(response.find("R2").orElseThrow().refundFee()).isEqualTo(70);
    assertThat(response.fields()).containsEntry("refund_status_9", "IGNORED");
  }

  @Test
  void aMissingIndexedFieldIsTyped() {
    Map<String, String> f = new HashMap<>();
    f.put("out_trade_no", "T1");
    f.put("total_fee", "100");
    f.put("refund_count", "1");
    assertThatThrownBy(() -> RefundQueryResponse.from(f))
        .isInstanceOf(WeChatPayException.class)
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(WeChatPayException.Code.FIELD_MISSING);
  }

  @Test
  void requestsRejectBadNumbersAndAmounts() {
    assertThatThrownBy(() -> new RefundRequest("T1", "R1", 100, 101, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RefundRequest("T1", "x".repeat(33), 100, 1, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new UnifiedOrderRequest(
                    "T 1", "b", 1, "1.1.1.1", "https://n", "o", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new UnifiedOrderRequest(
                    "T1", "b", 0, "1.1.1.1", "https://n", "o", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
