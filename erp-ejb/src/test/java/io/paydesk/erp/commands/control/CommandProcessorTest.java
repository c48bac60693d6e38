package io.paydesk.erp.commands.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.erp.commands.entity.Command;
import io.paydesk.erp.commands.entity.CommandReply;
import io.paydesk.erp.commands.entity.ProcessedCommand;
import io.paydesk.erp.messaging.Jms;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.jms.Destination;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** CommandProcessor's decisions, with hand-written fakes of its collaborators: no container. */
class CommandProcessorTest {

  private static final Queue REPLY_TO = fake(Queue.class, Map.of("getQueueName", "erp.replies"));
  private static final String SHIP =
      "{\"commandId\":\"erp-7\",\"orderNo\":\"SO-7\",\"carrier\":\"SF\",\"trackingNo\":\"SF1\"}";

  private final FakeJournal journal = new FakeJournal();
  private final FakeHandlers handlers = new FakeHandlers();
  private final FakeDeadLetters deadLetters = new FakeDeadLetters();
  private final CommandProcessor processor = processor();

  @Test
  void aValidCommandIsCarriedOutAndItsAnswerRecordedAndReplied() throws Exception {
    processor.process(message("m-1", "ShipOrder", SHIP));

    assertThat(handlers.executed).extracting(Command::commandId).containsExactly("erp-7");
    assertThat(journal.answered)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.reply().outcome()).isEqualTo(CommandReply.Outcome.ACCEPTED);
              assertThat(a.reply().orderNo()).isEqualTo("SO-7");
              assertThat(a.messageId()).isEqualTo("m-1");
              assertThat(a.replyTo()).isSameAs(REPLY_TO);
              assertThat(a.separately()).isFalse();
            });
    assertThat(deadLetters.forwarded).isEmpty();
  }

  @Test
  void poisonGoesToTheDeadLetterQueueWithItsReasonAndNobodyIsAnswered() throws Exception {
    processor.process(message("m-2", null, SHIP));
    processor.process(message("m-3", "ShipOrder", "{not json"));
    processor.process(message("m-4", "ShipOrder", "{\"orderNo\":\"SO-7\"}"));

    assertThat(deadLetters.forwarded)
        .containsExactly(
            "m-2: no commandType property",
            "m-3: malformed JSON",
            "m-4: no valid commandId (1 to 64 letters, digits, '.', '_', ':' or '-')");
    assertThat(journal.answered).isEmpty();
    assertThat(handlers.executed).isEmpty();
  }

  @Test
  void anInvalidCommandIsRejectedWithItsReasonsAndNotCarriedOut() throws Exception {
    processor.process(
        message("m-5", "ShipOrder", "{\"commandId\":\"erp-8\",\"orderNo\":\"has space\"}"));

    assertThat(handlers.executed).isEmpty();
    assertThat(journal.answered)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.reply().outcome()).isEqualTo(CommandReply.Outcome.REJECTED);
              assertThat(a.reply().code()).isEqualTo("INVALID_REQUEST");
              assertThat(a.reply().reason())
                  .contains("orderNo must match")
                  .contains("carrier is required");
              assertThat(a.separately()).isFalse();
            });
  }

  @Test
  void aRepeatedCommandGetsTheSameReplyAgainAndIsNotCarriedOutTwice() throws Exception {
    processor.process(message("m-1", "ShipOrder", SHIP));
    processor.process(message("m-9", "ShipOrder", SHIP));

    assertThat(handlers.executed).hasSize(1);
    assertThat(journal.answered).hasSize(1);
    assertThat(journal.answeredAgain).containsExactly("erp-7");
  }

  @Test
  void theRedeliveryOfAMessageWhoseRejectionWasRecordedApartGetsTheRecordedReplyAgain()
      throws Exception {
    // redelivered only after a crash between the rejection's commit and the acknowledgement,
    // when the reply's own XA branch may be stranded at the broker: answer again from the journal
    handlers.refusal = new PayDeskException(ErrorCode.ORDER_NOT_FOUND, "no order SO-7");

    processor.process(message("m-1", "ShipOrder", SHIP));
    processor.process(message("m-1", "ShipOrder", SHIP));

    assertThat(journal.answered)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.separately()).isTrue();
              assertThat(a.reply().code()).isEqualTo("ORDER_NOT_FOUND");
              assertThat(a.reply().reason()).isEqualTo("no order SO-7");
            });
    assertThat(journal.answeredAgain).containsExactly("erp-7");
    assertThat(handlers.executed).hasSize(1);
  }

  @Test
  void aConcurrentChangeIsThrownForTheBrokerToRedeliverAndNothingIsRecorded() {
    handlers.refusal = new PayDeskException(ErrorCode.CONCURRENT_REQUEST, "locked");

    assertThatThrownBy(() -> processor.process(message("m-1", "ShipOrder", SHIP)))
        .isInstanceOfSatisfying(
            PayDeskException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_REQUEST));
    assertThat(journal.answered).isEmpty();
  }

  @Test
  void anythingElseIsThrownForTheBrokerToRedeliverAndNothingIsRecorded() {
    handlers.failure = new IllegalStateException("database down");

    assertThatThrownBy(() -> processor.process(message("m-1", "ShipOrder", SHIP)))
        .hasMessage("database down");
    assertThat(journal.answered).isEmpty();
  }

  private CommandProcessor processor() {
    CommandProcessor p = new CommandProcessor();
    p.schema =
        new SchemaMigration() {
          @Override
          public String version() {
            return "test";
          }
        };
    p.journal = journal;
    p.handlers = handlers;
    p.deadLetters = deadLetters;
    return p;
  }

  private static TextMessage message(String messageId, String commandType, String body) {
    Map<String, Object> answers = new HashMap<>();
    answers.put("getJMSMessageID", messageId);
    answers.put("getJMSReplyTo", REPLY_TO);
    answers.put("getText", body);
    answers.put("getStringProperty:" + Jms.COMMAND_TYPE, commandType);
    return fake(TextMessage.class, answers);
  }

  /**
   * A JMS interface that answers the given getters (by name, or name:argument) and nothing else.
   */
  static <T> T fake(Class<T> type, Map<String, ?> answers) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              String key =
                  args != null && args.length == 1 && args[0] instanceof String a
                      ? method.getName() + ":" + a
                      : method.getName();
              if (answers.containsKey(key)) {
                return answers.get(key);
              }
              return switch (method.getName()) {
                case "toString" -> type.getSimpleName() + answers;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
              };
            }));
  }

  record Answer(CommandReply reply, String messageId, Destination replyTo, boolean separately) {}

  private static final class FakeJournal extends CommandJournal {
    final List<Answer> answered = new ArrayList<>();
    final List<String> answeredAgain = new ArrayList<>();
    final Map<String, ProcessedCommand> done = new HashMap<>();

    @Override
    public Optional<ProcessedCommand> find(String commandId) {
      return Optional.ofNullable(done.get(commandId));
    }

    @Override
    public void answer(CommandReply reply, String messageId, Destination replyTo) {
      record(new Answer(reply, messageId, replyTo, false));
    }

    @Override
    public void answerSeparately(CommandReply reply, String messageId, Destination replyTo) {
      record(new Answer(reply, messageId, replyTo, true));
    }

    @Override
    public void answerAgain(ProcessedCommand command, Destination replyTo) {
      answeredAgain.add(command.commandId());
    }

    private void record(Answer answer) {
      answered.add(answer);
      done.put(
          answer.reply().commandId(),
          new ProcessedCommand(answer.reply(), "{}", answer.messageId(), Instant.EPOCH));
    }
  }

  private static final class FakeHandlers extends CommandHandlers {
    final List<Command> executed = new ArrayList<>();
    PayDeskException refusal;
    RuntimeException failure;
    final Function<Command, CommandReply> accept =
        c -> CommandReply.accepted(c, ((Command.ShipOrder) c).orderNo(), null, "SHIPPED");

    @Override
    public CommandReply execute(Command command) {
      executed.add(command);
      if (refusal != null) {
        throw refusal;
      }
      if (failure != null) {
        throw failure;
      }
      return accept.apply(command);
    }
  }

  private static final class FakeDeadLetters extends DeadLetters {
    final List<String> forwarded = new ArrayList<>();

    @Override
    public void forward(Message poison, String reason) throws jakarta.jms.JMSException {
      String shortReason = reason.startsWith("malformed JSON") ? "malformed JSON" : reason;
      forwarded.add(poison.getJMSMessageID() + ": " + shortReason);
    }
  }
}
