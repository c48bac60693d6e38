package io.paydesk.admin;

import io.paydesk.platform.error.PayDeskException;
import jakarta.ejb.EJBAccessException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.omnifaces.util.Messages;

/**
 * Runs a boundary call for a page and turns its outcome into a message for the member of staff: the
 * success text, the business rule's own words ({@link PayDeskException}), "not allowed" for a role
 * refusal, or a short apology for anything else (logged, never shown as a stack trace).
 *
 * <pre>{@code
 * Feedback.run(() -> orders.ship(orderNo, shipment, user), "Order " + orderNo + " shipped.");
 * }</pre>
 */
public final class Feedback {

  private static final Logger LOG = Logger.getLogger(Feedback.class.getName());

  private Feedback() {}

  /** Runs the call; returns its result, or null after adding an error message. */
  public static <T> T call(Supplier<T> action, String success) {
    try {
      T result = action.get();
      if (success != null) {
        Messages.addGlobalInfo(success);
      }
      return result;
    } catch (PayDeskException e) {
      Messages.addGlobalError(e.getMessage());
    } catch (EJBAccessException e) {
      Messages.addGlobalError("Your role does not allow this.");
      jakarta.faces.context.ExternalContext external =
          jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext();
      jakarta
          .enterprise
          .inject
          .spi
          .CDI
          .current()
          .select(io.paydesk.admin.security.AccessDenials.class)
          .get()
          .record(
              (jakarta.servlet.http.HttpServletRequest) external.getRequest(),
              external.getRequestServletPath());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "console action failed", e);
      Messages.addGlobalError("That did not work; nothing was changed. Please try again.");
    }
    return null;
  }

  /** Runs the call; true when it succeeded (and the success message was added). */
  public static boolean run(Runnable action, String success) {
    return call(
            () -> {
              action.run();
              return Boolean.TRUE;
            },
            success)
        != null;
  }
}
