package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static io.paydesk.sandbox.UnifiedOrderTest.assertErr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.SubMerchant;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.bill.BillReader;
import io.paydesk.wechatpay.bill.BillRow;
import io.paydesk.wechatpay.client.BillDownload;
import io.paydesk.wechatpay.client.BillType;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.OrderQueryResponse;
import io.paydesk.wechatpay.client.RefundQueryResponse;
import io.paydesk.wechatpay.client.RefundRequest;
import io.paydesk.wechatpay.client.RefundResponse;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.client.TradeState;
import io.paydesk.wechatpay.client.UnifiedOrderRequest;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.notify.NotificationDecoder;
import io.paydesk.wechatpay.notify.PaymentNotification;
import io.paydesk.wechatpay.notify.RefundNotification;
import io.paydesk.wechatpay.sign.JsapiPayParams;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Service-provider (服务商) mode, through the library against the sandbox: a service provider with two
 * sub-merchants (one with its own mini-program), another service provider with one.
 */
class PartnerModeTest {
  static final String APP_SP = "wx8888888888888888";
  static final String MCH_SP = "1230000109";
  static final String KEY_SP = "partnerKey0123456789abcdefABCDEF";
  static final String SUB_WITH_APP = "1900000201";
  static final String SUB_APP = "wx2b029c08a6232582";
  static final String SUB_WITHOUT_APP = "1900000202";
  static final String APP_SP2 = "wx9999999999999999";
  static final String MCH_SP2 = "1230000110";
  static final String KEY_SP2 = "otherPartnerKey0123456789abcdefA";
  static final String SUB_OF_SP2 = "1900000301";
  static final String SUB_OPENID = "oSubBuyer_Mh1bD0s9cP2xg7YwTq3";

  private SandboxServer sandbox;
  private NotifyReceiver receiver;
  private final Merchant sp = new Merchant(APP_SP, MCH_SP, Secret.of(KEY_SP), SignType.MD5);
  private WeChatPayClient spClient;

  static SandboxMerchant serviceProvider() {
    return SandboxMerchant.of(APP_SP, MCH_SP, Secret.of(KEY_SP))
        .withSubMerchants(
            List.of(new SubMerchant(SUB_WITH_APP, SUB_APP), SubMerchant.of(SUB_WITHOUT_APP)));
  }

  @BeforeEach
  void start() throws Exception {
    receiver = new NotifyReceiver(0);
    sandbox =
        sandbox()
            .merchant(serviceProvider().withRefundNotifyUrl(receiver.url("refund")))
            .merchant(
                SandboxMerchant.of(APP_SP2, MCH_SP2, Secret.of(KEY_SP2))
                    .withSubMerchants(List.of(SubMerchant.of(SUB_OF_SP2))))
            .closeMinAge(Duration.ZERO)
            .build()
            .start();
    spClient = client(sandbox, sp, MCH_SP);
  }

  @AfterEach
  void stop() {
    sandbox.close();
    receiver.close();
  }

  @Test
  void aSubMerchantWithItsOwnAppPaysRefundsAndIsBilledThroughTheServiceProvider() throws Exception {
    WeChatPayClient sub = spClient.forSubMerchant(new SubMerchant(SUB_WITH_APP, SUB_APP));
    String outTradeNo = outTradeNo();

    String prepayId =
        sub.unifiedOrder(order(outTradeNo, SUB_OPENID, receiver.url("pay")))
            .orElseThrow()
            .prepayId();
    JsapiPayParams pay = sub.jsapiPayParams(prepayId);
    SandboxServer.Payment payment = sandbox.pay(prepayId);
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.count() == 1);

    assertThat(pay.appId()).isEqualTo(SUB_APP);
    assertThat(payment.subMchId()).isEqualTo(SUB_WITH_APP);
    assertThat(sandbox.prepayId(MCH_SP, SUB_WITH_APP, outTradeNo)).isEqualTo(prepayId);
    PaymentNotification paid =
        new NotificationDecoder(sp).decodePayment(receiver.arrivals().get(0).body());
    assertThat(paid.mchId()).isEqualTo(MCH_SP);
    assertThat(paid.subMchId()).isEqualTo(SUB_WITH_APP);
    assertThat(paid.subAppId()).isEqualTo(SUB_APP);
    assertThat(paid.subOpenid()).isEqualTo(SUB_OPENID);
    assertThat(paid.openid()).isNotBlank().isNotEqualTo(SUB_OPENID);
    assertThat(paid.amountMatches(300)).isTrue();

    OrderQueryResponse query = sub.queryOrder(outTradeNo).orElseThrow();
    assertThat(query.tradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(query.subMchId()).isEqualTo(SUB_WITH_APP);
    assertThat(query.transactionId()).isEqualTo(paid.transactionId());

    RefundResponse accepted =
        sub.refund(new RefundRequest(outTradeNo, outTradeNo + "R", 300, 100, null, null, null))
            .orElseThrow();
    assertThat(accepted.fields()).containsEntry("sub_mch_id", SUB_WITH_APP);
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.count() == 2);
    RefundNotification refunded =
        new NotificationDecoder(sp).decodeRefund(receiver.arrivals().get(1).body());
    assertThat(refunded.subMchId()).isEqualTo(SUB_WITH_APP);
    assertThat(refunded.subAppId()).isEqualTo(SUB_APP);
    assertThat(refunded.info().outRefundNo()).isEqualTo(outTradeNo + "R");
    assertThat(refunded.info().refundStatus()).isEqualTo(RefundStatus.SUCCESS);
    RefundQueryResponse refunds = sub.queryRefund(outTradeNo + "R").orElseThrow();
    assertThat(refunds.find(outTradeNo + "R").orElseThrow().status())
        .isEqualTo(RefundStatus.SUCCESS);

    LocalDate today = LocalDate.now(BeijingTime.OFFSET);
    List<BillRow> all = bill(spClient, today);
    assertThat(all).extracting(BillRow::outTradeNo).containsOnly(outTradeNo);
    assertThat(all).extracting(BillRow::subMchId).containsOnly(SUB_WITH_APP);
    assertThat(all).extracting(BillRow::mchId).containsOnly(MCH_SP);
    assertThat(all).filteredOn(BillRow::isRefund).hasSize(1);
    assertThat(bill(sub, today)).hasSize(2);
    assertThat(bill(spClient.forSubMerchant(SubMerchant.of(SUB_WITHOUT_APP)), today)).isEmpty();
  }

  @Test
  void aSubMerchantWithoutAnAppOrdersWithTheServiceProvidersOpenidAndCloses() throws Exception {
    WeChatPayClient sub = spClient.forSubMerchant(SubMerchant.of(SUB_WITHOUT_APP));
    String outTradeNo = outTradeNo();

    String prepayId =
        sub.unifiedOrder(order(outTradeNo, OPENID, receiver.url("pay"))).orElseThrow().prepayId();
    assertThat(sub.jsapiPayParams(prepayId).appId()).isEqualTo(APP_SP);
    sub.closeOrder(outTradeNo).orElseThrow();
    assertThat(sub.queryOrder(outTradeNo).orElseThrow().tradeState()).isEqualTo(TradeState.CLOSED);

    String again =
        sub.unifiedOrder(order(outTradeNo(), OPENID, receiver.url("pay"))).orElseThrow().prepayId();
    sandbox.pay(again);
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.count() == 1);
    PaymentNotification paid =
        new NotificationDecoder(sp).decodePayment(receiver.arrivals().get(0).body());
    assertThat(paid.subMchId()).isEqualTo(SUB_WITHOUT_APP);
    assertThat(paid.openid()).isEqualTo(OPENID);
    assertThat(paid.subOpenid()).isNull();
    assertThat(paid.subAppId()).isNull();
  }

  @Test
  void orderNumbersAreEachSubMerchantsOwn() {
    WeChatPayClient one = spClient.forSubMerchant(SubMerchant.of(SUB_WITHOUT_APP));
    WeChatPayClient other = spClient.forSubMerchant(new SubMerchant(SUB_WITH_APP, SUB_APP));
    String outTradeNo = outTradeNo();

    one.unifiedOrder(order(outTradeNo, OPENID, receiver.url("pay"))).orElseThrow();

    assertErr(other.queryOrder(outTradeNo), "ORDERNOTEXIST");
    assertThat(
            other
                .unifiedOrder(order(outTradeNo, SUB_OPENID, receiver.url("pay")))
                .orElseThrow()
                .prepayId())
        .isNotEqualTo(sandbox.prepayId(MCH_SP, SUB_WITHOUT_APP, outTradeNo));
  }

  @Test
  void aNotificationForASubMerchantDoesNotVerifyWithAnotherServiceProvidersKey() {
    WeChatPayClient sub = spClient.forSubMerchant(new SubMerchant(SUB_WITH_APP, SUB_APP));
    String prepayId =
        sub.unifiedOrder(order(outTradeNo(), SUB_OPENID, receiver.url("pay")))
            .orElseThrow()
            .prepayId();
    sandbox.pay(prepayId);
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.count() == 1);
    byte[] body = receiver.arrivals().get(0).body();

    Merchant otherServiceProvider =
        new Merchant(APP_SP2, MCH_SP2, Secret.of(KEY_SP2), SignType.MD5);
    Merchant sameIdsOtherKey = new Merchant(APP_SP, MCH_SP, Secret.of(KEY_SP2), SignType.MD5);
    assertThatThrownBy(() -> new NotificationDecoder(otherServiceProvider).decodePayment(body))
        .isInstanceOf(WeChatPayException.class);
    assertThatThrownBy(() -> new NotificationDecoder(sameIdsOtherKey).decodePayment(body))
        .isInstanceOf(WeChatPayException.class)
        .extracting("code")
        .isEqualTo(WeChatPayException.Code.SIGN_MISMATCH);
    assertThat(new NotificationDecoder(sp).decodePayment(body).subMchId()).isEqualTo(SUB_WITH_APP);
  }

  @Test
  void aSubMerchantNotBoundToTheServiceProviderIsRefused() {
    UnifiedOrderRequest order = order(outTradeNo(), OPENID, receiver.url("pay"));

    assertReturnFail(
        spClient.forSubMerchant(SubMerchant.of(SUB_OF_SP2)).unifiedOrder(order), "受理关系不存在");
    assertReturnFail(spClient.forSubMerchant(SubMerchant.of(MCH_A)).queryOrder("X"), "受理关系不存在");
    assertReturnFail(
        spClient.forSubMerchant(SubMerchant.of("1999999999")).unifiedOrder(order),
        "商户号mch_id或sub_mch_id不存在");
    assertReturnFail(
        spClient.forSubMerchant(new SubMerchant(SUB_WITH_APP, "wxNotItsApp")).unifiedOrder(order),
        "sub_mch_id与sub_appid不匹配");
    assertReturnFail(spClient.queryOrder("X"), "缺少参数sub_mch_id");
    assertReturnFail(
        clientA(sandbox).forSubMerchant(SubMerchant.of(SUB_WITH_APP)).queryOrder("X"), "受理关系不存在");
    assertThat(
            clientA(sandbox)
                .forSubMerchant(SubMerchant.of(SUB_WITH_APP))
                .downloadBill(LocalDate.now(BeijingTime.OFFSET), BillType.ALL, false))
        .isInstanceOf(CallResult.CommunicationFailure.class);
  }

  @Test
  void aSubOpenidNeedsItsSubAppidAndARefundTheServiceProvidersCertificate() throws Exception {
    Map<String, String> f = new HashMap<>(unifiedOrderFields(outTradeNo()));
    f.put("appid", APP_SP);
    f.put("mch_id", MCH_SP);
    f.put("sub_mch_id", SUB_WITH_APP);
    f.remove("openid");
    f.put("sub_openid", SUB_OPENID);

    Map<String, String> answer = raw(sandbox, "/pay/unifiedorder", f, KEY_SP, SignType.MD5);

    assertThat(answer)
        .containsEntry("result_code", "FAIL")
        .containsEntry("err_code", "PARAM_ERROR");
    assertThat(new Signer(Secret.of(KEY_SP)).isValid(answer, SignType.MD5)).isTrue();
    WeChatPayClient wrongCertificate =
        client(sandbox, sp, MCH_A).forSubMerchant(new SubMerchant(SUB_WITH_APP, SUB_APP));
    assertReturnFail(
        wrongCertificate.refund(new RefundRequest("PD1", "PD1R", 1, 1, null, null, null)),
        "证书校验错误");
  }

  private static UnifiedOrderRequest order(String outTradeNo, String openid, String notifyUrl) {
    return new UnifiedOrderRequest(
        outTradeNo, "T恤,白色", 300, "127.0.0.1", notifyUrl, openid, null, null, null);
  }

  private static List<BillRow> bill(WeChatPayClient client, LocalDate day) throws Exception {
    try (BillDownload download = client.downloadBill(day, BillType.ALL, true).orElseThrow()) {
      if (download.isEmpty()) {
        return List.of();
      }
      try (BillReader rows = download.reader()) {
        return rows.stream().toList();
      }
    }
  }

  private static void assertReturnFail(CallResult<?> result, String returnMsg) {
    assertThat(result).isInstanceOf(CallResult.CommunicationFailure.class);
    assertThat(((CallResult.CommunicationFailure<?>) result).returnMsg()).startsWith(returnMsg);
  }
}
