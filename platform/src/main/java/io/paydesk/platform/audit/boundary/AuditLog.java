package io.paydesk.platform.audit.boundary;

import io.paydesk.platform.audit.entity.AuditEntry;
import io.paydesk.platform.audit.entity.AuditRecord;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The audit trail. A done action's row is written in the action's own transaction ({@link
 * #record}): it commits with the action or not at all. A refused action's transaction rolls back,
 * so its row is written apart ({@link #recordApart}, a new transaction) and survives the rollback.
 */
@Stateless
@DeclareRoles({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
public class AuditLog {

  private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

  @PersistenceContext(unitName = "platform")
  EntityManager em;

  /** Writes the row in the caller's transaction (or a new one when there is none). */
  // Permitted: every audited action records, whoever acts, refused logins included.
  @PermitAll
  public void record(AuditRecord record) {
    write(record);
  }

  /** Writes the row in a transaction of its own: it stays when the caller's rolls back. */
  @PermitAll
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordApart(AuditRecord record) {
    write(record);
  }

  private void write(AuditRecord record) {
    em.persist(new AuditEntry(record, Instant.now()));
    LOG.info(
        () ->
            "audit actor="
                + escaped(record.actor())
                + " action="
                + record.action()
                + " target="
                + escaped(record.target())
                + " address="
                + escaped(record.address())
                + " outcome="
                + record.outcome());
  }

  /**
   * A caller-supplied text (a user name typed at the login form, a URL) as one log token: control
   * characters, spaces, quotes and backslashes escaped, so that nobody can forge a log line or a
   * key=value pair. At most 128 characters.
   */
  public static String escaped(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(128)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f || c == ' ' || c == '"' || c == '\\' || c == '=') {
                out.append(String.format("\\x%02x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /** A page of rows, newest first. */
  @RolesAllowed(Role.ADMIN_NAME)
  public List<AuditRecord.Row> search(AuditRecord.Filter filter, int first, int max) {
    TypedQuery<AuditEntry> query =
        em.createQuery(
                "SELECT a FROM AuditEntry a"
                    + where(filter)
                    + " ORDER BY a.occurredAt DESC, a.id DESC",
                AuditEntry.class)
            .setFirstResult(Math.max(0, first))
            .setMaxResults(Math.min(Math.max(1, max), 500));
    parameters(filter).forEach(query::setParameter);
    return query.getResultList().stream().map(AuditEntry::row).toList();
  }

  /** How many rows the filter matches. */
  @RolesAllowed(Role.ADMIN_NAME)
  public long count(AuditRecord.Filter filter) {
    TypedQuery<Long> query =
        em.createQuery("SELECT COUNT(a) FROM AuditEntry a" + where(filter), Long.class);
    parameters(filter).forEach(query::setParameter);
    return query.getSingleResult();
  }

  private static String where(AuditRecord.Filter filter) {
    StringBuilder where = new StringBuilder();
    parameters(filter)
        .keySet()
        .forEach(
            name ->
                where
                    .append(where.length() == 0 ? " WHERE " : " AND ")
                    .append(
                        switch (name) {
                          case "actor" -> "a.actor = :actor";
                          case "action" -> "a.action LIKE :action";
                          case "target" -> "a.target = :target";
                          case "outcome" -> "a.outcome = :outcome";
                          case "from" -> "a.occurredAt >= :from";
                          case "to" -> "a.occurredAt < :to";
                          default -> throw new IllegalStateException(name);
                        }));
    return where.toString();
  }

  private static Map<String, Object> parameters(AuditRecord.Filter filter) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (filter == null) {
      return parameters;
    }
    if (notBlank(filter.actor())) {
      parameters.put("actor", filter.actor().trim());
    }
    if (notBlank(filter.action())) {
      parameters.put("action", filter.action().trim() + "%");
    }
    if (notBlank(filter.target())) {
      parameters.put("target", filter.target().trim());
    }
    if (filter.outcome() != null) {
      parameters.put("outcome", filter.outcome());
    }
    if (filter.from() != null) {
      parameters.put("from", filter.from().atOffset(java.time.ZoneOffset.UTC));
    }
    if (filter.to() != null) {
      parameters.put("to", filter.to().atOffset(java.time.ZoneOffset.UTC));
    }
    return parameters;
  }

  private static boolean notBlank(String text) {
    return text != null && !text.isBlank();
  }
}
