package io.paydesk.erp.commands.entity;

import io.paydesk.platform.error.boundary.ErrorCode;

/**
 * PayDesk's answer to a command: ACCEPTED with the resulting ids and status, or REJECTED with an
 * error code (PayDesk's {@link ErrorCode} names) and a reason for people. Its JSON is stored with
 * the command id, so a repeated command gets exactly the same reply.
 */
public record CommandReply(
    String commandId,
    String commandType,
    Outcome outcome,
    String orderNo,
    String outRefundNo,
    String status,
    String code,
    String reason) {

  public enum Outcome {
    ACCEPTED,
    REJECTED
  }

  public static CommandReply accepted(
      Command command, String orderNo, String outRefundNo, String status) {
    return new CommandReply(
        command.commandId(),
        command.type().wireName(),
        Outcome.ACCEPTED,
        orderNo,
        outRefundNo,
        status,
        null,
        null);
  }

  public static CommandReply rejected(
      String commandId, CommandType type, ErrorCode code, String reason) {
    return new CommandReply(
        commandId, type.wireName(), Outcome.REJECTED, null, null, null, code.name(), reason);
  }
}
