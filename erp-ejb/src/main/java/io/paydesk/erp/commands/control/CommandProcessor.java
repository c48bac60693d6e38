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
 * One command message, in a JTA transaction of its own: parse it, answer a repeat from the journal,
 * carry it out, record the answer and send the reply — all committed together, or none of it. The
 * listener acknowledges the message (a local JMS transaction, not XA) only after this transaction
 * committed; see {@link io.paydesk.erp.commands.boundary.CommandListener} for why not one XA
 * transaction. A crash between this commit and the acknowledgement redelivers the message, which
 * then finds its command id in the journal and gets the recorded reply again.
 *
 * <p>The reply is sent through the pooled (XA) connection factory, so this transaction holds a JMS
 * branch beside the database (the last agent): a kill after the broker's branch is prepared may
 * strand that one reply, unsent, at the broker. The message is not acknowledged yet, so its
 * redelivery covers it either way: the database did not commit (the command is carried out afresh,
 * with a new reply) or it did (the journal's reply is sent again). A stranded branch holds only
 * that send, no consumed message, and blocks nothing.
 *
 * <ul>
 *   <li>poison (nobody to answer) → copied to the dead-letter queue with its reason; committed;
 *   <li>invalid → rejected (INVALID_REQUEST) with the reasons; committed, not retried;
 *   <li>a business rule says no → rejected with the rule's code, recorded and replied in a
 *       transaction of its own (the boundary's exception condemns this one, which rolls back
 *       quietly); the message is then acknowledged;
 *   <li>a command id answered before → the recorded reply again, whichever message brings it (a
 *       repeat by the ERP, or the redelivery after a crash of a message whose reply may be lost);
 *   <li>anything else (the database is down, a concurrent change) → thrown: this transaction rolls
 *       back, the listener throws, and the broker redelivers with backoff, then dead-letters.
 * </ul>
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
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
      // a repeat, or the redelivery after a crash of a message whose reply may be stranded
      journal.answerAgain(done.get(), replyTo);
      LOG.info(
          () ->
              "ERP command repeated commandId="
                  + commandId
                  + " messageId="
                  + messageId
                  + " firstMessageId="
                  + done.get().messageId()
                  + ", same reply sent again");
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
