package io.paydesk.payment.boundary;

import io.paydesk.payment.control.OrderListQuery;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.staff.boundary.StaffService;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The order list for staff: one page of orders matching the criteria, newest first, and where the
 * next page starts. Reads only; stays fast with millions of orders (see {@link OrderListQuery}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class OrderSearch {

  private static final Logger LOG = Logger.getLogger(OrderSearch.class.getName());

  @Resource(lookup = SchemaMigration.DATASOURCE)
  DataSource dataSource;

  @EJB StaffService staff;

  /**
   * The criteria narrowed to the merchants the calling member of staff is limited to: a filter for
   * another merchant finds nothing rather than that merchant's orders.
   */
  private OrderCriteria limited(OrderCriteria criteria) {
    java.util.Set<String> allowed = staff.callerMerchants();
    if (allowed.isEmpty()) {
      return criteria;
    }
    if (criteria.merchants() == null) {
      return criteria.forMerchants(allowed);
    }
    java.util.Set<String> both = new java.util.TreeSet<>(criteria.merchants());
    both.retainAll(allowed);
    // no merchant left: a key no order has, so that the answer is empty
    return criteria.forMerchants(both.isEmpty() ? java.util.Set.of("-") : both);
  }

  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
  public OrderPage search(OrderCriteria criteria) {
    OrderListQuery query = new OrderListQuery(limited(criteria));
    try (Connection connection = dataSource.getConnection()) {
      return query.run(connection);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "order search failed", e);
      throw new IllegalStateException("the order list cannot be read now", e);
    }
  }
}
