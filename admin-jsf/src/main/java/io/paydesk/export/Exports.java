package io.paydesk.export;

import io.paydesk.admin.Format;
import io.paydesk.admin.Labels;
import io.paydesk.admin.Texts;
import io.paydesk.payment.boundary.OrderCriteria;
import io.paydesk.payment.boundary.OrderPage;
import io.paydesk.payment.boundary.OrderSearch;
import io.paydesk.reconciliation.boundary.ReconciliationService;
import io.paydesk.reconciliation.boundary.ReconciliationView;
import io.paydesk.refund.boundary.RefundSearch;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The CSV exports of the console's lists and the staff API: orders and refunds with the filters of
 * their lists, a reconciled day's discrepancies. Each reads page after page through the owning
 * module's boundary (a seek, never an offset; {@link OrderCriteria#MAX_PAGE_SIZE} or {@link
 * RefundSearch#MAX_PAGE_SIZE} rows a page) and writes each page to the stream before asking for the
 * next, so a year of orders goes out with one page in memory. The boundaries check the caller's
 * roles on every page. Column names and status names come from the console's bundle in the caller's
 * language; amounts are yuan with two decimals, times in the console's zone.
 */
@ApplicationScoped
public class Exports {

  private static final Logger LOG = Logger.getLogger(Exports.class.getName());

  @EJB OrderSearch orders;
  @EJB RefundSearch refunds;
  @EJB ReconciliationService reconciliation;
  @Inject Format format;

  /** Every order matching {@code criteria}'s filters (its cursor and page size are not used). */
  public long orders(OrderCriteria criteria, Locale locale, OutputStream out) {
    OrderCriteria paged =
        new OrderCriteria(
            criteria.status(),
            criteria.createdFrom(),
            criteria.createdTo(),
            criteria.orderNo(),
            criteria.outTradeNo(),
            criteria.openid(),
            criteria.minAmount(),
            criteria.maxAmount(),
            null,
            OrderCriteria.MAX_PAGE_SIZE);
    CsvWriter csv = new CsvWriter(out);
    csv.row(header(locale, "export.orders.columns"));
    long rows =
        Pages.<OrderPage.Row, OrderCriteria.Cursor>write(
            csv,
            null,
            cursor -> {
              OrderPage page = orders.search(paged.after(cursor));
              return new Pages.Page<>(page.rows(), page.next());
            },
            o ->
                Arrays.asList(
                    o.orderNo(),
                    o.outTradeNo(),
                    o.openid(),
                    yuan(o.amount()),
                    yuan(o.refundedAmount()),
                    label(locale, Labels.key(o.status())),
                    o.description(),
                    format.time(o.createdAt()),
                    format.time(o.paidAt())));
    LOG.info(() -> "orders exported rows=" + rows);
    return rows;
  }

  /** Every refund matching {@code criteria}'s filters (its cursor and page size are not used). */
  public long refunds(RefundSearch.Criteria criteria, Locale locale, OutputStream out) {
    RefundSearch.Criteria paged =
        new RefundSearch.Criteria(
            criteria.status(),
            criteria.requestedFrom(),
            criteria.requestedTo(),
            criteria.orderNo(),
            null,
            RefundSearch.MAX_PAGE_SIZE);
    CsvWriter csv = new CsvWriter(out);
    csv.row(header(locale, "export.refunds.columns"));
    long rows =
        Pages.<RefundSearch.Row, RefundSearch.Cursor>write(
            csv,
            null,
            cursor -> {
              RefundSearch.Page page = refunds.search(paged.after(cursor));
              return new Pages.Page<>(page.rows(), page.next());
            },
            r ->
                Arrays.asList(
                    r.outRefundNo(),
                    r.orderNo(),
                    r.outTradeNo(),
                    yuan(r.amount()),
                    label(locale, Labels.key(r.status())),
                    r.reason(),
                    r.requestedBy(),
                    format.time(r.requestedAt()),
                    String.join(" ", r.approvers()),
                    r.refundId(),
                    format.time(r.refundedAt()),
                    r.lastOutcome(),
                    r.offlineMethod() == null
                        ? null
                        : label(locale, "OfflineMethod." + r.offlineMethod()),
                    r.offlineReference()));
    LOG.info(() -> "refunds exported rows=" + rows);
    return rows;
  }

  /**
   * The discrepancies of the latest run of merchant {@code mchId}'s {@code billDate} (null: the
   * first merchant, or the caller's own).
   */
  public long discrepancies(String mchId, String billDate, Locale locale, OutputStream out) {
    CsvWriter csv = new CsvWriter(out);
    csv.row(header(locale, "export.discrepancies.columns"));
    long rows =
        Pages.<ReconciliationView.Item, Long>write(
            csv,
            0L,
            after -> {
              List<ReconciliationView.Item> page =
                  reconciliation.discrepancies(
                      mchId, billDate, after, ReconciliationService.REPORT_LIMIT);
              Long next =
                  page.size() < ReconciliationService.REPORT_LIMIT
                      ? null
                      : page.get(page.size() - 1).id();
              return new Pages.Page<>(page, next);
            },
            d ->
                Arrays.asList(
                    d.id(),
                    label(locale, "DiscrepancyType." + d.type()),
                    d.outTradeNo(),
                    d.outRefundNo(),
                    d.transactionId(),
                    d.refundId(),
                    d.wechatFen() == null ? null : yuan(d.wechatFen()),
                    d.paydeskFen() == null ? null : yuan(d.paydeskFen()),
                    d.wechatStatus(),
                    d.paydeskStatus(),
                    d.detail(),
                    d.repair(),
                    format.time(d.foundAt()),
                    d.resolvedBy(),
                    format.time(d.resolvedAt()),
                    d.resolutionNote()));
    LOG.info(() -> "discrepancies exported billDate=" + billDate + " rows=" + rows);
    return rows;
  }

  /**
   * Fen as yuan with two decimals and no grouping ("1234.56"), which a spreadsheet reads as a
   * number; written as a {@link java.math.BigDecimal}-free string from the integer fen.
   */
  static String yuan(long fen) {
    String sign = fen < 0 ? "-" : "";
    long abs = Math.abs(fen);
    return sign + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
  }

  private static List<String> header(Locale locale, String key) {
    return List.of(Texts.in(locale, key).split("\\|"));
  }

  private static String label(Locale locale, String key) {
    return Texts.has(locale, key) ? Texts.in(locale, key) : key;
  }
}
