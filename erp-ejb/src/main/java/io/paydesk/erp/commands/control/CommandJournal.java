package io.paydesk.erp.commands.control;

import io.paydesk.erp.commands.entity.CommandReply;
import io.paydesk.erp.commands.entity.ProcessedCommand;
import io.paydesk.erp.outbox.control.EventJson;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Destination;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * The commands answered so far (table {@code erp_command}): each answer is recorded and its reply
 * sent in one transaction, so that a command id is answered once and always the same way.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class CommandJournal {

  @PersistenceContext(unitName = "erp")
  EntityManager em;

  @EJB Replies replies;

  public Optional<ProcessedCommand> find(String commandId) {
    return Optional.ofNullable(em.find(ProcessedCommand.class, commandId));
  }

  /** Records the answer and sends its reply, in the caller's transaction. */
  public void answer(CommandReply reply, String messageId, Destination replyTo) {
    String json = EventJson.write(reply);
    em.persist(new ProcessedCommand(reply, json, messageId, Instant.now()));
    em.flush();
    replies.send(replyTo, reply.commandId(), reply.commandType(), reply.outcome().name(), json);
  }

  /**
   * Records a rejection and sends its reply in a transaction of its own: the command's transaction
   * is already condemned by the business exception that rejected it, and rolls back when the
   * processor returns; the message is then acknowledged.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void answerSeparately(CommandReply reply, String messageId, Destination replyTo) {
    answer(reply, messageId, replyTo);
  }

  /** Sends a recorded answer again, for a repeated command. */
  public void answerAgain(ProcessedCommand done, Destination replyTo) {
    replies.send(
        replyTo, done.commandId(), done.commandType(), done.outcome().name(), done.reply());
  }
}
