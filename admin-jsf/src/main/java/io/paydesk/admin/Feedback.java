package io.paydesk.admin;

import io.paydesk.admin.security.AccessDenials;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.omnifaces.util.Messages;

/**
 * The console's one way to tell staff what happened. {@link #run}/{@link #call} run a boundary call
 * for a page and turn its outcome into a message: the success text, the business rule's refusal
 * ({@link PayDeskException}, by its error code: {@link Texts#of}), "not allowed" for a role refusal
 * (audited as access.denied), or a short apology for anything else (logged, never shown as a stack
 * trace). {@link #info} and {@link #error} add a message of the page's own. Every text is a key of
 * the console's bundle ({@link Texts}), with its arguments.
 *
 * <pre>{@code
 * Feedback.run(() -> orders.ship(orderNo, shipment, user), "order.ship.done", carrier, trackingNo);
 * }</pre>
 */
public final class Feedback {

  private static final Logger LOG = Logger.getLogger(Feedback.class.getName());

  private Feedback() {}

  /**
   * Runs the call; returns its result, or null after adding an error message. {@code success}: the
   * key of the text shown when it worked (null: none), with its arguments.
   */
  public static <T> T call(Supplier<T> action, String success, Object... args) {
    try {
      T result = action.get();
      if (success != null) {
        info(success, args);
      }
      return result;
    } catch (RuntimeException e) {
      refused(e);
    }
    return null;
  }

  /** Runs the call; true when it succeeded (and the success message was added). */
  public static boolean run(Runnable action, String success, Object... args) {
    return call(
            () -> {
              action.run();
              return Boolean.TRUE;
            },
            success,
            args)
        != null;
  }

  /** Adds the information {@code key} of the bundle, with its arguments. */
  public static void info(String key, Object... args) {
    Messages.addGlobalInfo(Texts.get(key, args));
  }

  /** Adds the error {@code key} of the bundle, with its arguments. */
  public static void error(String key, Object... args) {
    Messages.addGlobalError(Texts.get(key, args));
  }

  /** Adds an error already in words, in the page's language (OmniFaces keeps it literal). */
  public static void errorText(String text) {
    Messages.addGlobalError(text);
  }

  /** Shows why a boundary call failed: the rule's words, a role refusal, or an apology. */
  public static void refused(RuntimeException e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof PayDeskException rule) {
        errorText(Texts.of(rule));
        return;
      }
      if (t instanceof EJBAccessException) {
        error("feedback.notAllowed");
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        CDI.current()
            .select(AccessDenials.class)
            .get()
            .record((HttpServletRequest) external.getRequest(), external.getRequestServletPath());
        return;
      }
    }
    LOG.log(Level.WARNING, "console action failed", e);
    error("feedback.failed");
  }
}
