package io.paydesk.gateway.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.gateway.entity.ShippingReport;
import io.paydesk.gateway.entity.ShippingUploadOutcome;
import io.paydesk.payment.entity.Shipment;
import io.paydesk.wechatpay.miniprogram.MiniProgramErrors;
import io.paydesk.wechatpay.miniprogram.MiniProgramResult;
import io.paydesk.wechatpay.miniprogram.ShippingInfo;
import io.paydesk.wechatpay.v3.json.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every errcode of the shipping-information upload that PayDesk decides on, and the request. */
class ShippingOutcomesTest {

  static ShippingUploadOutcome refused(int errcode) {
    return WeChatOutcomes.shippingUpload(new MiniProgramResult.Refused<Void>(errcode, "msg"));
  }

  @Test
  void successAndTheSameInformationAgainAreUploaded() {
    assertThat(WeChatOutcomes.shippingUpload(new MiniProgramResult.Success<Void>(null)))
        .isInstanceOf(ShippingUploadOutcome.Uploaded.class);
    assertThat(refused(MiniProgramErrors.SHIPPING_NOT_CHANGED))
        .isInstanceOf(ShippingUploadOutcome.Uploaded.class);
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        MiniProgramErrors.SYSTEM_BUSY,
        MiniProgramErrors.SYSTEM_ERROR,
        MiniProgramErrors.ORDER_NOT_FOUND,
        MiniProgramErrors.QUOTA_EXCEEDED,
        MiniProgramErrors.ACCESS_TOKEN_INVALID,
        MiniProgramErrors.ACCESS_TOKEN_EXPIRED
      })
  void transientAnswersAreTriedAgain(int errcode) {
    assertThat(refused(errcode))
        .isInstanceOf(ShippingUploadOutcome.Retry.class)
        .extracting(o -> ((ShippingUploadOutcome.Retry) o).reason())
        .asString()
        .contains("errcode " + errcode);
  }

  @Test
  void noAnswerIsNotAFailure() {
    assertThat(WeChatOutcomes.shippingUpload(new MiniProgramResult.Unknown<Void>("timeout")))
        .isInstanceOf(ShippingUploadOutcome.Retry.class);
    assertThat(WeChatOutcomes.shippingUpload(new MiniProgramResult.NotSent<Void>("refused")))
        .isInstanceOf(ShippingUploadOutcome.Retry.class);
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        MiniProgramErrors.ORDER_SETTLED,
        MiniProgramErrors.SHIPPING_ALREADY_CHANGED,
        MiniProgramErrors.ORDER_NOT_SHIPPABLE,
        MiniProgramErrors.INVALID_LOGISTICS_TYPE,
        MiniProgramErrors.ITEM_DESC_TOO_LONG,
        MiniProgramErrors.PAYER_MISMATCH,
        MiniProgramErrors.DATA_FORMAT_ERROR,
        MiniProgramErrors.API_UNAUTHORIZED,
        MiniProgramErrors.INVALID_UPLOAD_TIME,
        MiniProgramErrors.TRACKING_REQUIRED
      })
  void refusalsOfTheUploadAsItIsStopForAPerson(int errcode) {
    assertThat(refused(errcode)).isInstanceOf(ShippingUploadOutcome.Refused.class);
  }

  @Test
  void aTokenThatCannotBeHadIsAConfigurationProblemToRetryAfterTheFix() {
    ShippingUploadOutcome outcome =
        WeChatOutcomes.noToken(
            new MiniProgramResult.Refused<Void>(MiniProgramErrors.INVALID_APPSECRET, "bad"));
    assertThat(outcome).isInstanceOf(ShippingUploadOutcome.Retry.class);
    assertThat(((ShippingUploadOutcome.Retry) outcome).reason())
        .contains("paydesk.wechat.mini-program.secret-file");
  }

  @Test
  void theRequestUsesTheTransactionIdWhenKnownAndMasksNothingItself() {
    ShippingReport report =
        new ShippingReport(
            "SO-1",
            "PD1",
            "4200001",
            "o-buyer",
            Shipment.Method.EXPRESS,
            "SF",
            "SF123",
            "T恤*1",
            "138****8000",
            Instant.parse("2026-12-05T02:00:00Z"));
    Map<String, Object> json = WeChatMiniProgram.info(report, "1900000109").toJson();
    assertThat(json).containsEntry("logistics_type", 1).containsEntry("delivery_mode", 1);
    assertThat(json.get("order_key").toString()).contains("4200001").doesNotContain("PD1");
    assertThat(json.get("shipping_list").toString()).contains("receiver_contact=138****8000");
    assertThat(json).containsEntry("upload_time", "2026-12-05T10:00:00+08:00");

    ShippingReport pickup =
        new ShippingReport(
            "SO-2",
            "PD2",
            null,
            "o-buyer",
            Shipment.Method.PICKUP,
            null,
            "自提",
            "T恤*1",
            "138****8000",
            Instant.parse("2026-12-05T02:00:00Z"));
    ShippingInfo info = WeChatMiniProgram.info(pickup, "1900000109");
    assertThat(info.logisticsType()).isEqualTo(ShippingInfo.LogisticsType.SELF_PICKUP);
    assertThat(info.orderKey().outTradeNo()).isEqualTo("PD2");
    assertThat(Json.write(info.toJson())).doesNotContain("tracking_no").doesNotContain("contact");

    ShippingReport unknownCompany =
        new ShippingReport(
            "SO-3",
            "PD3",
            null,
            "o-buyer",
            Shipment.Method.EXPRESS,
            null,
            "1",
            "x",
            null,
            Instant.now());
    assertThatThrownBy(() -> WeChatMiniProgram.info(unknownCompany, "1900000109"))
        .hasMessageContaining("expressCompany");
  }
}
