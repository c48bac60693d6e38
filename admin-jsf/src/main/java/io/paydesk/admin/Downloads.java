package io.paydesk.admin;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A console action's answer as a file: the CSV is written straight into the response (the rows as
 * they are read, nothing gathered first) and the page is not rendered. Actions are POSTs with the
 * view state, like every console action.
 */
public final class Downloads {

  private Downloads() {}

  /** The page's language, for a file's column and status names. */
  public static Locale locale() {
    FacesContext faces = FacesContext.getCurrentInstance();
    return faces.getViewRoot() == null ? Texts.DEFAULT : faces.getViewRoot().getLocale();
  }

  /** Sends {@code fileName}, written by {@code writer}, as the answer to this action. */
  public static void csv(String fileName, Consumer<OutputStream> writer) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    external.responseReset();
    external.setResponseContentType("text/csv; charset=UTF-8");
    external.setResponseHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    try {
      OutputStream out = external.getResponseOutputStream();
      writer.accept(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    faces.responseComplete();
  }
}
