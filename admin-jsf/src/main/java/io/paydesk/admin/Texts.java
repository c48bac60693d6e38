package io.paydesk.admin;

import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Text for people, from the console's bundle ({@code io/paydesk/admin/messages*.properties}, the
 * {@code #{msg}} of the pages) in the language of the page being rendered. A text with arguments is
 * a {@link MessageFormat} pattern ({@code {0}}, and {@code ''} for an apostrophe); arguments are
 * passed already formatted (amounts, times: {@link Format}), as strings.
 */
public final class Texts {

  /** The bundle's base name (faces-config.xml registers it as {@code msg}). */
  public static final String BUNDLE = "io.paydesk.admin.messages";

  /** The console's language when no page decides it. */
  public static final Locale DEFAULT = Locale.SIMPLIFIED_CHINESE;

  private Texts() {}

  /** The text {@code key} in the current page's language, with its arguments filled in. */
  public static String get(String key, Object... args) {
    return in(locale(), key, args);
  }

  /** The text {@code key} in {@code locale}. */
  public static String in(Locale locale, String key, Object... args) {
    String pattern = ResourceBundle.getBundle(BUNDLE, locale).getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  /** Whether the bundle has {@code key}. */
  public static boolean has(Locale locale, String key) {
    try {
      ResourceBundle.getBundle(BUNDLE, locale).getString(key);
      return true;
    } catch (MissingResourceException e) {
      return false;
    }
  }

  /**
   * What staff read for a refused business rule: the text of its error code ({@code error.CODE}),
   * which may show the rule's own detail (its {@code {0}}, in the boundary's English words).
   */
  public static String of(PayDeskException refusal) {
    return get("error." + refusal.code().name(), String.valueOf(refusal.getMessage()));
  }

  /** The language of the page being rendered (or about to be: the view handler's choice). */
  public static Locale locale() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces == null) {
      return DEFAULT;
    }
    if (faces.getViewRoot() != null && faces.getViewRoot().getLocale() != null) {
      return faces.getViewRoot().getLocale();
    }
    return faces.getApplication().getViewHandler().calculateLocale(faces);
  }
}
