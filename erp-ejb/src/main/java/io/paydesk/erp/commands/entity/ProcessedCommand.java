package io.paydesk.erp.commands.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A command PayDesk has answered: written in the transaction of its effect (or of its rejection),
 * so a command id is either answered with its effect committed, or not at all. Immutable.
 */
@Entity
@Table(name = "erp_command")
public class ProcessedCommand {

  @Id
  @Column(name = "command_id", length = 64, updatable = false)
  private String commandId;

  @Column(name = "command_type", nullable = false, length = 32, updatable = false)
  private String commandType;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16, updatable = false)
  private CommandReply.Outcome outcome;

  /** The reply exactly as sent, for repeats. */
  @Column(nullable = false, length = 4000, updatable = false)
  private String reply;

  /** The JMS message answered, to tell a redelivery of it from a repeat sent by the ERP. */
  @Column(name = "message_id", length = 128, updatable = false)
  private String messageId;

  @Column(name = "processed_at", nullable = false, updatable = false)
  private OffsetDateTime processedAt;

  protected ProcessedCommand() {}

  public ProcessedCommand(CommandReply answer, String replyJson, String messageId, Instant at) {
    this.commandId = Objects.requireNonNull(answer.commandId(), "commandId");
    this.commandType = answer.commandType();
    this.outcome = answer.outcome();
    this.reply = Objects.requireNonNull(replyJson, "reply");
    this.messageId = messageId;
    this.processedAt = at.atOffset(ZoneOffset.UTC);
  }

  public String commandId() {
    return commandId;
  }

  public String commandType() {
    return commandType;
  }

  public CommandReply.Outcome outcome() {
    return outcome;
  }

  public String reply() {
    return reply;
  }

  public String messageId() {
    return messageId;
  }
}
