package io.paydesk.admin.orders;

import io.paydesk.admin.Downloads;
import io.paydesk.admin.Feedback;
import io.paydesk.admin.Format;
import io.paydesk.export.Exports;
import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.payment.boundary.OrderCriteria;
import io.paydesk.payment.boundary.OrderPage;
import io.paydesk.payment.boundary.OrderSearch;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.boundary.StaffService;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The order list: filters, one page at a time, newest first. Pages continue from the previous
 * page's last row (a seek); going back returns to a remembered start. No total count: "next" exists
 * when the search found one row more than a page.
 */
@Named
@ViewScoped
public class OrderList implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB OrderSearch search;
  @EJB MerchantRegistry registry;
  @EJB StaffService staff;
  @Inject Format format;
  @Inject Exports exports;

  private String status;
  private String from;
  private String to;
  private String orderNo;
  private String outTradeNo;
  private String openid;
  private String minYuan;
  private String maxYuan;
  private String merchant;
  private List<MerchantView> merchants;

  /** Where each page shown so far started (null: the first page). */
  private final List<OrderCriteria.Cursor> starts = new ArrayList<>();

  private OrderCriteria criteria;
  private OrderPage page;

  @PostConstruct
  void init() {
    // a member of staff limited to some merchants is offered only those (the search is limited
    // on the server whatever the filter says)
    Set<String> allowed = staff.callerMerchants();
    merchants =
        registry.list().stream()
            .filter(m -> allowed.isEmpty() || allowed.contains(m.mchId()))
            .toList();
    criteria = OrderCriteria.all();
    starts.add(null);
    load();
  }

  /** Applies the filters, from the first page. */
  public void search() {
    OrderCriteria typed = typed();
    if (typed == null) {
      return;
    }
    criteria = typed;
    starts.clear();
    starts.add(null);
    load();
  }

  /**
   * Every order the filters as typed find, as a CSV file for Excel (streamed page by page; see
   * {@link Exports}).
   */
  public void export() {
    OrderCriteria typed = typed();
    if (typed == null) {
      return;
    }
    Locale locale = Downloads.locale();
    Downloads.csv(
        "orders-" + LocalDate.now(format.zone()) + ".csv",
        out -> exports.orders(typed, locale, out));
  }

  /** The filters as typed; null (and a message) when one cannot be read. */
  private OrderCriteria typed() {
    try {
      Instant toDay = format.startOfDay(to, "field.to");
      return new OrderCriteria(
          status == null || status.isBlank() ? null : OrderStatus.valueOf(status),
          format.startOfDay(from, "field.from"),
          toDay == null ? null : toDay.plus(Duration.ofDays(1)),
          orderNo,
          outTradeNo,
          openid,
          format.fen(minYuan, "field.minYuan"),
          format.fen(maxYuan, "field.maxYuan"),
          null,
          OrderCriteria.DEFAULT_PAGE_SIZE,
          merchant == null || merchant.isBlank() ? null : java.util.Set.of(merchant));
    } catch (PayDeskException e) {
      Feedback.errorText(e.getMessage()); // Format's words, in the page's language already
      return null;
    }
  }

  public void next() {
    if (page != null && page.hasNext()) {
      starts.add(page.next());
      load();
    }
  }

  public void previous() {
    if (starts.size() > 1) {
      starts.remove(starts.size() - 1);
      load();
    }
  }

  public void first() {
    starts.subList(1, starts.size()).clear();
    load();
  }

  private void load() {
    page = search.search(criteria.after(starts.get(starts.size() - 1)));
  }

  public List<OrderPage.Row> getRows() {
    return page == null ? List.of() : page.rows();
  }

  public boolean isHasNext() {
    return page != null && page.hasNext();
  }

  public boolean isHasPrevious() {
    return starts.size() > 1;
  }

  /** 1 for the first page. */
  public int getPageNumber() {
    return starts.size();
  }

  public int getPageSize() {
    return criteria.pageSize();
  }

  public OrderStatus[] getStatuses() {
    return OrderStatus.values();
  }

  /** The merchants to filter by (the filter shows when there are several). */
  public List<MerchantView> getMerchants() {
    return merchants;
  }

  public boolean isSeveralMerchants() {
    return merchants != null && merchants.size() > 1;
  }

  public String getMerchant() {
    return merchant;
  }

  public void setMerchant(String merchant) {
    this.merchant = merchant;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public String getOrderNo() {
    return orderNo;
  }

  public void setOrderNo(String orderNo) {
    this.orderNo = orderNo;
  }

  public String getOutTradeNo() {
    return outTradeNo;
  }

  public void setOutTradeNo(String outTradeNo) {
    this.outTradeNo = outTradeNo;
  }

  public String getOpenid() {
    return openid;
  }

  public void setOpenid(String openid) {
    this.openid = openid;
  }

  public String getMinYuan() {
    return minYuan;
  }

  public void setMinYuan(String minYuan) {
    this.minYuan = minYuan;
  }

  public String getMaxYuan() {
    return maxYuan;
  }

  public void setMaxYuan(String maxYuan) {
    this.maxYuan = maxYuan;
  }
}
