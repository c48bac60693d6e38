package io.paydesk.admin.reconciliation;

import io.paydesk.platform.error.PayDeskException;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Turns a refusal into a message on the page (never a stack trace). */
final class Messages {

  private Messages() {}

  static void info(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
  }

  /** Answers true when {@code e} was a refusal shown to the user, false when it is unexpected. */
  static boolean show(RuntimeException e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof PayDeskException refused) {
        error(refused.getMessage());
        return true;
      }
      if (t instanceof EJBAccessException) {
        error("your role does not allow this");
        return true;
      }
    }
    return false;
  }

  private static void error(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }
}
