package io.paydesk.erp.commands.control;

import io.paydesk.erp.commands.control.CommandParser.Invalid;
import io.paydesk.erp.commands.control.CommandParser.Parsed;
import io.paydesk.erp.commands.control.CommandParser.Poison;
import io.paydesk.erp.commands.control.CommandParser.Valid;
import io.paydesk.erp.commands.entity.Command;
import io.paydesk.erp.commands.entity.CommandReply;
import io.paydesk.erp.commands.entity.ProcessedCommand;
import io.paydesk.erp.messaging.Jms;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One command message, in the listener's transaction: parse it, answer a repeat from the journal,
 * carry it out, record the answer and send the reply — all committed with the message's
 * consumption, or none of it.
 *
 * <ul>
 *   <li>poison (nobody to answer) → copied to the dead-letter queue with its reason; committed;
 *   <li>invalid → rejected (INVALID_REQUEST) with the reasons; committed, not retried;
 *   <li>a business rule says no → rejected with the rule's code, recorded and replied in a
 *       transaction of its own (the boundary's exception condemns this one); the redelivery of the
 *       same message finds the answer and is dropped;
 *   <li>anything else (the database is down, a concurrent change) → thrown: the listener rolls back
 *       and the broker redelivers with backoff, then dead-letters.
 * </ul>
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class CommandProcessor {

  private static final Logger LOG = Logger.getLogger(CommandProcessor.class.getName());

  @EJB SchemaMigration schema;
  @EJB CommandJournal journal;
  @EJB CommandHandlers handlers;
  @EJB DeadLetters deadLetters;

  public void process(Message message) throws JMSException {
    schema.version();
    String messageId = message.getJMSMessageID();
    Destination replyTo = message.getJMSReplyTo();
    String body = message instanceof TextMessage text ? text.getText() : null;
    Parsed parsed = CommandParser.parse(message.getStringProperty(Jms.COMMAND_TYPE), body);
    if (parsed instanceof Poison poison) {
      deadLetters.forward(message, poison.reason());
      LOG.warning(
          () -> "ERP command dead-lettered messageId=" + messageId + " reason=" + poison.reason());
      return;
    }
    String commandId =
        parsed instanceof Valid valid
            ? valid.command().commandId()
            : ((Invalid) parsed).commandId();
    Optional<ProcessedCommand> done = journal.find(commandId);
    if (done.isPresent()) {
      if (messageId != null && messageId.equals(done.get().messageId())) {
        // a redelivery of the message whose rejection was recorded on its own: answered already
        return;
      }
      journal.answerAgain(done.get(), replyTo);
      LOG.info(() -> "ERP command repeated commandId=" + commandId + ", same reply sent again");
      return;
    }
    if (parsed instanceof Invalid invalid) {
      journal.answer(
          CommandReply.rejected(
              commandId, invalid.type(), ErrorCode.INVALID_REQUEST, invalid.reason()),
          messageId,
          replyTo);
      LOG.info(() -> "ERP command rejected commandId=" + commandId + " reason=" + invalid.reason());
      return;
    }
    Command command = ((Valid) parsed).command();
    CommandReply reply;
    try {
      reply = handlers.execute(command);
    } catch (PayDeskException e) {
      if (e.code() == ErrorCode.CONCURRENT_REQUEST) {
        throw e;
      }
      journal.answerSeparately(
          CommandReply.rejected(commandId, command.type(), e.code(), e.getMessage()),
          messageId,
          replyTo);
      LOG.info(
          () ->
              "ERP command rejected commandId="
                  + commandId
                  + " type="
                  + command.type().wireName()
                  + " code="
                  + e.code());
      return;
    }
    journal.answer(reply, messageId, replyTo);
    LOG.info(
        () ->
            "ERP command accepted commandId="
                + commandId
                + " type="
                + command.type().wireName()
                + " orderNo="
                + reply.orderNo());
  }
}
