package io.paydesk.erp.messaging;

/** Portable names of the JMS resources PayDesk declares (see {@code OutboxRelay}). */
public final class Jms {

  /** The resource adapter deployed beside the application: its file name without ".rar". */
  public static final String RESOURCE_ADAPTER = "artemis-rar";

  public static final String CONNECTION_FACTORY = "java:app/jms/PayDeskConnectionFactory";
  public static final String ERP_EVENTS = "java:app/jms/ErpEvents";
  public static final String ERP_REPLIES = "java:app/jms/ErpReplies";
  public static final String ERP_COMMANDS = "java:app/jms/ErpCommands";
  public static final String ERP_DEAD_LETTERS = "java:app/jms/ErpCommandsDeadLetters";

  /** Message properties of commands, replies and dead letters (docs/erp-contract.md). */
  public static final String COMMAND_TYPE = "commandType";

  public static final String COMMAND_ID = "commandId";
  public static final String OUTCOME = "outcome";
  public static final String DEAD_LETTER_REASON = "deadLetterReason";
  public static final String DEAD_LETTERED_AT = "deadLetteredAt";
  public static final String ORIGINAL_MESSAGE_ID = "originalMessageId";

  /** Message properties every outgoing event carries. */
  public static final String EVENT_ID = "eventId";

  public static final String EVENT_TYPE = "eventType";
  public static final String EVENT_VERSION = "eventVersion";
  public static final String AGGREGATE_TYPE = "aggregateType";
  public static final String AGGREGATE_ID = "aggregateId";
  public static final String OCCURRED_AT = "occurredAt";

  private Jms() {}
}
