package io.paydesk.payment.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.platform.error.boundary.PayDeskException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a shipment names its express company for WeChat, and the upload written with it. */
class ShipmentTest {

  @Test
  void theCodeGivenWinsThenKnownCarrierNamesThenACarrierThatIsACode() {
    assertThat(new Shipment("顺丰", "SF1", Shipment.Method.EXPRESS, "zto").expressCompanyCode())
        .isEqualTo("ZTO");
    assertThat(new Shipment("SF Express", "SF1").expressCompanyCode()).isEqualTo("SF");
    assertThat(new Shipment("中通快递", "1").expressCompanyCode()).isEqualTo("ZTO");
    assertThat(new Shipment("yto", "1").expressCompanyCode()).isEqualTo("YTO");
    assertThat(new Shipment("Bob's Bikes", "1").expressCompanyCode()).isNull();
    assertThat(new Shipment("x", "1").method()).isEqualTo(Shipment.Method.EXPRESS);
    assertThatThrownBy(() -> new Shipment("x", "1", Shipment.Method.EXPRESS, "S F"))
        .isInstanceOf(PayDeskException.class)
        .hasMessageContaining("expressCompany");
  }

  @Test
  void theUploadKeepsOnlyTheMaskedPhoneAndDescribesTheItems() {
    Instant now = Instant.parse("2026-12-05T02:00:00Z");
    Order order =
        Order.create(
            new NewOrder(
                "SO-1",
                "o-buyer",
                3998L,
                "T恤",
                null,
                List.of(new NewOrder.Item("A1", "T恤", 2, 1999)),
                new Delivery("张三", "13800138000", "广东省", "深圳市", "南山区", "路 1 号", null)),
            "shop",
            now,
            now.plusSeconds(7200));
    PaymentAttempt attempt = order.newAttempt("PD1", "127.0.0.1", "shop", now);
    order.markPaid(attempt, "4200001", now, new Transition.Source("wechat", now));

    ShippingUpload upload = ShippingUpload.of(order, new Shipment("顺丰", "SF1"), now);

    assertThat(upload.receiverContact()).isEqualTo("138****8000");
    assertThat(upload.expressCompany()).isEqualTo("SF");
    assertThat(upload.itemDesc()).isEqualTo("T恤*2");
    assertThat(upload.transactionId()).isEqualTo("4200001");
    assertThat(upload.status()).isEqualTo(UploadStatus.PENDING);
    assertThat(upload.nextAttemptAt()).isEqualTo(now);

    upload.retryAt(now.plusSeconds(30), "no answer");
    assertThat(upload.attempts()).isEqualTo(1);
    upload.failed("errcode 10060002 settled");
    assertThat(upload.status()).isEqualTo(UploadStatus.FAILED);
    upload.again(now);
    upload.uploaded(now);
    assertThat(upload.status()).isEqualTo(UploadStatus.UPLOADED);
    assertThat(upload.lastError()).isNull();
    assertThatThrownBy(() -> upload.retryAt(now, "late")).isInstanceOf(PayDeskException.class);
  }

  @Test
  void anOrderWithoutPaymentHasNothingToUpload() {
    Instant now = Instant.now();
    Order order =
        Order.create(
            new NewOrder("SO-2", "o-buyer", 100L, "x", null), "shop", now, now.plusSeconds(7200));
    assertThatThrownBy(() -> ShippingUpload.of(order, new Shipment("SF", "1"), now))
        .isInstanceOf(PayDeskException.class);
  }
}
