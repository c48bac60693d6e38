package io.paydesk.erp.notices.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.payment.boundary.OrderView;
import io.paydesk.payment.entity.Delivery;
import io.paydesk.payment.entity.NewOrder;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.reconciliation.boundary.ReconciliationCompleted;
import io.paydesk.refund.boundary.RefundFailed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The alerts' and the ticket's texts: both languages, ¥ and Beijing time, the phone's masking. */
class NoticeTextsTest {

  static final Instant PAID = Instant.parse("2026-12-05T01:30:00Z");
  static final Delivery DELIVERY =
      new Delivery("张三", "13800138000", "广东省", "深圳市", "南山区", "科技园路 1 号", "请放<CUT>门卫");

  @Test
  void thePaidAlertIsChineseByDefaultWithThePhoneMaskedAndNoStreet() {
    String alert = new NoticeTexts(Locale.forLanguageTag("zh-CN")).orderPaid(order(List.of()));
    assertThat(alert)
        .contains("新订单已支付", "> 订单号: SO1", "> 金额: ¥1999.05", "> 支付时间: 2026-12-05 09:30:00")
        .contains("广东省 深圳市 南山区 · 138****8000")
        .doesNotContain("13800138000", "科技园路");
    assertThat(new NoticeTexts(Locale.ENGLISH).orderPaid(order(List.of())))
        .contains("New order paid", "> Amount: ¥1999.05");
  }

  @Test
  void theTicketHasTheWholeAddressAndPhoneAndPeoplesTextCannotAddTags() {
    String ticket =
        new NoticeTexts(Locale.SIMPLIFIED_CHINESE)
            .ticket(
                order(List.of(new NewOrder.Item("A1", "T恤<BR>", 2, 50))),
                Instant.parse("2026-12-05T01:31:00Z"));
    assertThat(ticket)
        .startsWith("<CB>PayDesk</CB><BR><C>购物小票</C><BR>")
        .contains("订单号：SO1<BR>", "T恤＜BR＞<BR>  2 × ¥0.50  ¥1.00<BR>", "<B>合计：¥1999.05</B>")
        .contains("收货人：张三 13800138000<BR>", "地址：广东省 深圳市 南山区 科技园路 1 号<BR>")
        .contains("备注：请放＜CUT＞门卫<BR>", "打印时间：2026-12-05 09:31:00")
        .endsWith("<CUT>");
  }

  @Test
  void aLongTicketIsCutToFeieyunsLimit() {
    List<NewOrder.Item> many =
        IntStream.range(0, 60)
            .mapToObj(i -> new NewOrder.Item("S" + i, "很长的商品名称".repeat(8), 1, 100))
            .toList();
    String ticket = new NoticeTexts(Locale.SIMPLIFIED_CHINESE).ticket(order(many), PAID);
    assertThat(ticket.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(FeieyunPrinter.MAX_CONTENT_BYTES);
    assertThat(ticket).endsWith("<CUT>");
  }

  @Test
  void refundAndReconciliationAlerts() {
    NoticeTexts texts = new NoticeTexts(Locale.SIMPLIFIED_CHINESE);
    assertThat(
            texts.refundFailed(new RefundFailed("SO1", "RF1", 500, "CHANGE", PAID, "1900000109")))
        .contains("退款失败", "RF1", "¥5.00", "CHANGE");
    var figures = new ReconciliationCompleted.Figures(0, 0, 0, 0);
    assertThat(
            texts.discrepancies(
                new ReconciliationCompleted(
                    "1900000109",
                    "2026-12-04",
                    1,
                    figures,
                    figures,
                    0,
                    2,
                    Map.of("MISSING_IN_PAYDESK", 2L, "AMOUNT_MISMATCH", 0L),
                    PAID)))
        .contains("对账发现差异", "> 商户号: 1900000109", "2026-12-04", "> 差异笔数: 2", "MISSING_IN_PAYDESK: 2")
        .doesNotContain("AMOUNT_MISMATCH");
  }

  @Test
  void yuanHasTwoDecimals() {
    assertThat(NoticeTexts.yuan(0)).isEqualTo("¥0.00");
    assertThat(NoticeTexts.yuan(7)).isEqualTo("¥0.07");
    assertThat(NoticeTexts.yuan(123456)).isEqualTo("¥1234.56");
  }

  private static OrderView order(List<NewOrder.Item> items) {
    return new OrderView(
        "SO1",
        "o-buyer",
        199905,
        "T恤",
        OrderStatus.PAID,
        PAID.minusSeconds(60),
        PAID.plusSeconds(600),
        PAID,
        items,
        null,
        List.of(),
        Collections.emptyList(),
        "1900000109",
        DELIVERY,
        null);
  }
}
