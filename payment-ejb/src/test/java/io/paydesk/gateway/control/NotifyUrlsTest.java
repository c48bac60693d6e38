package io.paydesk.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import org.junit.jupiter.api.Test;

class NotifyUrlsTest {

  static final String BASE = "https://shop.example.com/api/wechat/";
  static final NotifyUrls.Configured V2 =
      new NotifyUrls.Configured(BASE + "notify/pay", BASE + "notify/refund", null, null);

  @Test
  void theFirstMerchantKeepsTheConfiguredUrlsAndTheOthersGetTheirMchId() {
    assertThat(NotifyUrls.of(V2, new NotifyUrls.For("1900000109", true, false)))
        .isEqualTo(new NotifyUrls(BASE + "notify/pay", BASE + "notify/refund"));
    assertThat(NotifyUrls.of(V2, new NotifyUrls.For("1900000110", false, false)))
        .isEqualTo(
            new NotifyUrls(BASE + "notify/pay/1900000110", BASE + "notify/refund/1900000110"));
  }

  @Test
  void aMerchantOnApiV3IsNotifiedUnderV3() {
    assertThat(NotifyUrls.of(V2, new NotifyUrls.For("1900000112", false, true)))
        .isEqualTo(
            new NotifyUrls(
                BASE + "v3/notify/pay/1900000112", BASE + "v3/notify/refund/1900000112"));
    assertThat(NotifyUrls.of(V2, new NotifyUrls.For("1900000109", true, true)))
        .isEqualTo(new NotifyUrls(BASE + "v3/notify/pay", BASE + "v3/notify/refund"));
  }

  @Test
  void configuredV3UrlsAreKeptForV3AndTurnedBackForV2() {
    var v3 =
        new NotifyUrls.Configured(BASE + "v3/notify/pay", BASE + "v3/notify/refund", null, null);
    assertThat(NotifyUrls.of(v3, new NotifyUrls.For("1900000801", true, true)))
        .isEqualTo(new NotifyUrls(BASE + "v3/notify/pay", BASE + "v3/notify/refund"));
    assertThat(NotifyUrls.of(v3, new NotifyUrls.For("1900000110", false, false)))
        .isEqualTo(
            new NotifyUrls(BASE + "notify/pay/1900000110", BASE + "notify/refund/1900000110"));
  }

  @Test
  void explicitV3UrlsWinAndAMissingRefundUrlStaysMissing() {
    var configured =
        new NotifyUrls.Configured(
            "https://proxy.example.com/wx/pay", null, "https://proxy.example.com/wx3/pay", null);
    assertThat(NotifyUrls.of(configured, new NotifyUrls.For("1900000112", false, true)))
        .isEqualTo(new NotifyUrls("https://proxy.example.com/wx3/pay/1900000112", null));
    assertThat(NotifyUrls.of(configured, new NotifyUrls.For("1900000110", false, false)))
        .isEqualTo(new NotifyUrls("https://proxy.example.com/wx/pay/1900000110", null));
  }

  @Test
  void aV3UrlThatCannotBeDerivedMustBeConfigured() {
    var configured =
        new NotifyUrls.Configured("https://proxy.example.com/wx/pay", null, null, null);
    assertThatThrownBy(
            () -> NotifyUrls.of(configured, new NotifyUrls.For("1900000112", false, true)))
        .isInstanceOfSatisfying(
            PayDeskException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.WECHAT_NOT_CONFIGURED);
              assertThat(e.getMessage()).contains("paydesk.wechat.v3.notify-url.pay");
            });
  }
}
