package io.paydesk.erp.notices.control;

import io.paydesk.payment.boundary.OrderView;
import io.paydesk.payment.entity.Delivery;
import io.paydesk.payment.entity.NewOrder;
import io.paydesk.reconciliation.boundary.ReconciliationCompleted;
import io.paydesk.refund.boundary.RefundFailed;
import io.paydesk.refund.boundary.RefundRequested;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The texts of the staff notices, from the resource bundle {@code io.paydesk.erp.notices.texts}
 * (Simplified Chinese and English) in the configured language: the WeCom alerts as WeCom markdown,
 * the ticket with Feieyun's tags. Amounts are ¥ with two decimals, times Beijing time. The buyer's
 * phone is masked in alerts (a group chat is a list, not the order's page) and whole on the ticket
 * (it goes with the parcel). Text that comes from people (names, notes, reasons) cannot add tags of
 * its own.
 */
public final class NoticeTexts {

  public static final String BUNDLE = "io.paydesk.erp.notices.texts";
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String RULE = "--------------------------------";

  /** How many item lines a ticket prints before it says how many more there are. */
  static final int MAX_TICKET_ITEMS = 40;

  private final ResourceBundle bundle;

  public NoticeTexts(Locale locale) {
    this.bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            NoticeTexts.class.getClassLoader(),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The WeCom alert of a paid order. */
  public String orderPaid(OrderView order) {
    StringBuilder text = new StringBuilder();
    text.append(say("alert.orderPaid.title")).append('\n');
    line(text, "alert.orderNo", order.orderNo());
    line(text, "alert.amount", yuan(order.amount()));
    line(text, "alert.paidAt", time(order.paidAt()));
    if (order.description() != null) {
      line(text, "alert.description", plain(order.description()));
    }
    Delivery delivery = order.delivery();
    if (delivery != null) {
      line(
          text,
          "alert.deliverTo",
          plain(delivery.province() + " " + delivery.city() + " " + delivery.district())
              + " · "
              + delivery.maskedPhone());
    }
    return markdown(text);
  }

  /** The WeCom alert of a refund waiting for approval. */
  public String refundPending(RefundRequested refund) {
    StringBuilder text = new StringBuilder();
    text.append(say("alert.refundPending.title")).append('\n');
    line(text, "alert.outRefundNo", refund.outRefundNo());
    line(text, "alert.orderNo", refund.orderNo());
    line(text, "alert.amount", yuan(refund.amount()));
    line(text, "alert.reason", plain(refund.reason()));
    line(text, "alert.requestedBy", plain(refund.requestedBy()));
    line(text, "alert.requestedAt", time(refund.requestedAt()));
    return markdown(text);
  }

  /** The WeCom alert of a failed refund. */
  public String refundFailed(RefundFailed refund) {
    StringBuilder text = new StringBuilder();
    text.append(say("alert.refundFailed.title")).append('\n');
    line(text, "alert.outRefundNo", refund.outRefundNo());
    line(text, "alert.orderNo", refund.orderNo());
    line(text, "alert.amount", yuan(refund.amount()));
    line(text, "alert.failure", plain(refund.reason()));
    line(text, "alert.failedAt", time(refund.failedAt()));
    return markdown(text);
  }

  /** The WeCom alert of a reconciliation that found discrepancies. */
  public String discrepancies(ReconciliationCompleted run) {
    StringBuilder text = new StringBuilder();
    text.append(say("alert.discrepancies.title")).append('\n');
    line(text, "alert.merchant", run.mchId());
    line(text, "alert.billDate", run.billDate());
    line(text, "alert.runNo", Integer.toString(run.runNo()));
    line(text, "alert.discrepancyCount", Long.toString(run.discrepancyCount()));
    for (Map.Entry<String, Long> type : run.discrepancies().entrySet()) {
      if (type.getValue() > 0) {
        text.append("> ")
            .append(plain(type.getKey()))
            .append(": ")
            .append(type.getValue())
            .append('\n');
      }
    }
    return markdown(text);
  }

  /** The ticket of an order for a Feieyun receipt printer (58 mm paper, 32 columns). */
  public String ticket(OrderView order, Instant printedAt) {
    StringBuilder t = new StringBuilder();
    t.append("<CB>").append(plain(say("ticket.shop"))).append("</CB><BR>");
    t.append("<C>").append(plain(say("ticket.title"))).append("</C><BR>");
    field(t, "ticket.orderNo", order.orderNo());
    field(t, "ticket.paidAt", order.paidAt() == null ? "—" : time(order.paidAt()));
    t.append(RULE).append("<BR>");
    List<NewOrder.Item> items = order.items();
    if (items.isEmpty() && order.description() != null) {
      t.append(plain(order.description())).append("<BR>");
    }
    items.stream()
        .limit(MAX_TICKET_ITEMS)
        .forEach(
            i ->
                t.append(plain(i.name()))
                    .append("<BR>")
                    .append("  ")
                    .append(i.quantity())
                    .append(" × ")
                    .append(yuan(i.unitPrice()))
                    .append("  ")
                    .append(yuan(i.unitPrice() * i.quantity()))
                    .append("<BR>"));
    if (items.size() > MAX_TICKET_ITEMS) {
      t.append(
              plain(MessageFormat.format(say("ticket.moreItems"), items.size() - MAX_TICKET_ITEMS)))
          .append("<BR>");
    }
    t.append(RULE).append("<BR>");
    t.append("<B>")
        .append(plain(say("ticket.total")))
        .append(yuan(order.amount()))
        .append("</B><BR>");
    Delivery delivery = order.delivery();
    if (delivery != null) {
      t.append(RULE).append("<BR>");
      field(t, "ticket.recipient", delivery.recipientName() + " " + delivery.phone());
      field(t, "ticket.address", delivery.address());
      if (delivery.note() != null) {
        field(t, "ticket.note", delivery.note());
      }
    }
    t.append(RULE).append("<BR>");
    field(t, "ticket.printedAt", time(printedAt));
    t.append("<CUT>");
    return cutBytes(t.toString(), FeieyunPrinter.MAX_CONTENT_BYTES, "<BR><CUT>");
  }

  /** ¥ and two decimals: 1999 fen is ¥19.99. */
  public static String yuan(long fen) {
    String sign = fen < 0 ? "-" : "";
    long abs = Math.abs(fen);
    return sign + "¥" + (abs / 100) + "." + String.format("%02d", abs % 100);
  }

  /** Beijing time, to the second. */
  public static String time(Instant at) {
    return at == null ? "—" : TIME.format(at.atZone(BEIJING));
  }

  private String say(String key) {
    return bundle.getString(key);
  }

  private void line(StringBuilder text, String key, String value) {
    text.append("> ").append(say(key)).append(": ").append(value).append('\n');
  }

  private void field(StringBuilder ticket, String key, String value) {
    ticket.append(plain(say(key))).append(plain(value)).append("<BR>");
  }

  private static String markdown(StringBuilder text) {
    return cutBytes(text.toString().strip(), WeComRobot.MAX_MARKDOWN_BYTES, "…");
  }

  /**
   * People's text as plain text: no tag (Feieyun's {@code <CUT>}, WeCom's {@code <font>}) and no
   * line break of its own; angle brackets become their full-width forms.
   */
  static String plain(String text) {
    if (text == null) {
      return "";
    }
    return text.replace('<', '＜').replace('>', '＞').replaceAll("[\\r\\n]+", " ");
  }

  /** {@code text} cut to at most {@code max} bytes of UTF-8 (ending with {@code tail} if cut). */
  static String cutBytes(String text, int max, String tail) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= max) {
      return text;
    }
    int budget = max - tail.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder kept = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + size > budget) {
        break;
      }
      kept.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return kept + tail;
  }
}
