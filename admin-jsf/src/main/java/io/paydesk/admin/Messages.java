package io.paydesk.admin;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Faces messages for the console's beans: what happened, in words, never a stack trace. */
public final class Messages {

  private Messages() {}

  public static void info(String text) {
    add(FacesMessage.SEVERITY_INFO, text);
  }

  public static void error(String text) {
    add(FacesMessage.SEVERITY_ERROR, text);
  }

  private static void add(FacesMessage.Severity severity, String text) {
    FacesContext context = FacesContext.getCurrentInstance();
    context.addMessage(null, new FacesMessage(severity, text, null));
  }
}
