package io.paydesk.admin.erp;

import io.paydesk.admin.Feedback;
import io.paydesk.erp.commands.boundary.DeadLetterQueue;
import io.paydesk.erp.commands.boundary.DeadLetterQueue.DeadLetter;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The ERP commands the broker dead-lettered, as an administrator sees them (page {@code
 * /admin/erp/dead-letters.xhtml}, ADMIN), and replaying one. The same boundary as {@code GET
 * /api/staff/erp/dead-letters}: it checks the role and audits the replay.
 */
@Named
@ViewScoped
public class ErpDeadLetters implements Serializable {

  private static final long serialVersionUID = 1L;

  /** How many the page lists at most, oldest first. */
  static final int SHOWN = 200;

  /** How much of a body the list shows. */
  static final int EXCERPT = 160;

  @EJB DeadLetterQueue deadLetters;

  private transient List<DeadLetter> letters;

  public List<DeadLetter> getLetters() {
    if (letters == null) {
      letters = Feedback.call(() -> deadLetters.list(SHOWN), null);
      if (letters == null) {
        letters = List.of();
      }
    }
    return letters;
  }

  /** Sends dead letter {@code id} back to the commands queue. */
  public void replay(String id) {
    Feedback.run(() -> deadLetters.replay(id), "deadLetters.replayed", id);
    letters = null;
  }

  /** The start of a body, on one line. */
  public String excerpt(String body) {
    if (body == null) {
      return "";
    }
    String line = body.replaceAll("\\s+", " ").strip();
    return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "…";
  }
}
