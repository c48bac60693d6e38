package io.paydesk.erp.commands.boundary;

import io.paydesk.erp.commands.control.DeadLetters;
import io.paydesk.erp.messaging.Jms;
import io.paydesk.platform.audit.boundary.Audited;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The dead-lettered ERP commands as an administrator sees them, and their replay (ADMIN only): a
 * replay moves the message back to the commands queue in one transaction, so it is never lost nor
 * doubled on the way.
 */
@Stateless
@DeclareRoles(Role.ADMIN_NAME)
@RolesAllowed(Role.ADMIN_NAME)
public class DeadLetterQueue {

  /** What the broker says of a message it dead-lettered after its last delivery attempt. */
  static final String EXHAUSTED = "delivery attempts exhausted (transient failures)";

  private static final Pattern MESSAGE_ID = Pattern.compile("[0-9A-Fa-f-]{1,64}");
  private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class.getName());

  @Resource(lookup = Jms.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = Jms.ERP_DEAD_LETTERS)
  Queue deadLetters;

  @EJB DeadLetters letters;

  @Resource SessionContext session;

  /** One dead-lettered command; {@code id} is its JMSMessageID without the "ID:" prefix. */
  public record DeadLetter(
      String id,
      String commandType,
      String commandId,
      String reason,
      String deadLetteredAt,
      String originalAddress,
      String body) {}

  /** The dead letters, oldest first (at most {@code max}). */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public List<DeadLetter> list(int max) {
    List<DeadLetter> found = new ArrayList<>();
    try (JMSContext context = connectionFactory.createContext();
        QueueBrowser browser = context.createBrowser(deadLetters)) {
      for (Object each : Collections.list(browser.getEnumeration())) {
        if (found.size() >= max) {
          break;
        }
        found.add(view((Message) each));
      }
    } catch (JMSException e) {
      throw new IllegalStateException("cannot browse the dead-letter queue", e);
    }
    return found;
  }

  /** Moves dead letter {@code id} back to the commands queue. */
  @Audited("erp.dead-letter.replay")
  public void replay(String id) {
    if (id == null || !MESSAGE_ID.matcher(id).matches()) {
      throw new PayDeskException(ErrorCode.INVALID_REQUEST, "not a dead letter id: " + id);
    }
    try {
      if (!letters.replay("ID:" + id)) {
        throw new PayDeskException(ErrorCode.DEAD_LETTER_NOT_FOUND, "no dead letter " + id);
      }
    } catch (JMSException e) {
      throw new IllegalStateException("cannot replay dead letter " + id, e);
    }
    LOG.info(
        () ->
            "ERP dead letter replayed id=" + id + " by=" + session.getCallerPrincipal().getName());
  }

  private static DeadLetter view(Message message) throws JMSException {
    String reason = message.getStringProperty(Jms.DEAD_LETTER_REASON);
    String originalAddress = message.getStringProperty("_AMQ_ORIG_ADDRESS");
    if (reason == null && originalAddress != null) {
      reason = EXHAUSTED;
    }
    String body = message instanceof TextMessage text ? text.getText() : null;
    if (body != null && body.length() > 4000) {
      body = body.substring(0, 4000) + "…";
    }
    String id = message.getJMSMessageID();
    return new DeadLetter(
        id != null && id.startsWith("ID:") ? id.substring(3) : id,
        message.getStringProperty(Jms.COMMAND_TYPE),
        commandIdOf(body),
        reason,
        message.getStringProperty(Jms.DEAD_LETTERED_AT),
        originalAddress,
        body);
  }

  /** The command id if the body is a JSON object that names one; null otherwise. */
  private static String commandIdOf(String body) {
    if (body == null) {
      return null;
    }
    try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
      var value = reader.readValue();
      if (value instanceof jakarta.json.JsonObject object
          && object.get("commandId") instanceof jakarta.json.JsonString id) {
        return id.getString();
      }
    } catch (RuntimeException notJson) {
      // a malformed body has no command id
    }
    return null;
  }
}
