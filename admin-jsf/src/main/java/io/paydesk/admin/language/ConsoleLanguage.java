package io.paydesk.admin.language;

import io.paydesk.admin.Feedback;
import io.paydesk.platform.staff.boundary.StaffService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.Application;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Iterator;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The console's language. Without a choice, the browser's (Accept-Language, matched by Faces
 * against faces-config.xml's supported locales: Simplified Chinese by default, English). A member
 * of staff may choose one in the header; the choice is kept with their account ({@link
 * StaffService#preferLanguage}) and read again at their next login, and, before login, in the HTTP
 * session only.
 */
@Named
@RequestScoped
public class ConsoleLanguage {

  /** Session attribute: the language tag chosen ("zh-CN", "en"). */
  static final String CHOSEN = "io.paydesk.admin.language";

  /** Session attribute: the user whose account's choice was read into this session. */
  static final String READ_FOR = "io.paydesk.admin.language.user";

  private static final Logger LOG = Logger.getLogger(ConsoleLanguage.class.getName());

  @EJB StaffService staff;

  /**
   * The header's buttons: switches to {@code languageTag} (a supported one only) and shows the same
   * page again, with its parameters, in that language.
   */
  public String choose(String languageTag) {
    FacesContext faces = FacesContext.getCurrentInstance();
    Locale locale = supported(faces.getApplication(), Locale.forLanguageTag(languageTag));
    if (locale != null) {
      HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
      request.getSession().setAttribute(CHOSEN, locale.toLanguageTag());
      if (request.getRemoteUser() != null) {
        Feedback.run(() -> staff.preferLanguage(locale.toLanguageTag()), null);
      }
      faces.getExternalContext().getFlash().setKeepMessages(true);
    }
    return faces.getViewRoot().getViewId() + "?faces-redirect=true&includeViewParams=true";
  }

  /**
   * The language chosen for this request (by the account's preference, read once per session, or in
   * this session), or null when the browser decides.
   */
  Locale chosen(FacesContext faces) {
    HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    String user = request.getRemoteUser();
    if (user != null && !user.equals(session.getAttribute(READ_FOR))) {
      session.setAttribute(READ_FOR, user);
      try {
        String preferred = staff.preferredLanguage();
        if (preferred != null) {
          session.setAttribute(CHOSEN, preferred);
        }
      } catch (RuntimeException e) {
        // without the preference the page still shows, in the browser's language
        LOG.warning(() -> "console language not read username=" + user + " error=" + e);
      }
    }
    Object tag = session.getAttribute(CHOSEN);
    return tag instanceof String t
        ? supported(faces.getApplication(), Locale.forLanguageTag(t))
        : null;
  }

  /** The supported locale of the same language as {@code wanted}; null when there is none. */
  static Locale supported(Application application, Locale wanted) {
    Locale fallback = application.getDefaultLocale();
    if (fallback != null && fallback.getLanguage().equals(wanted.getLanguage())) {
      return fallback;
    }
    for (Iterator<Locale> it = application.getSupportedLocales(); it.hasNext(); ) {
      Locale locale = it.next();
      if (locale.getLanguage().equals(wanted.getLanguage())) {
        return locale;
      }
    }
    return null;
  }
}
