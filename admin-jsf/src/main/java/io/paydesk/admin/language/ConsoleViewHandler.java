package io.paydesk.admin.language;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;
import java.util.Locale;

/**
 * Gives each new view the language staff chose ({@link ConsoleLanguage}); without a choice, Faces'
 * own: the browser's Accept-Language against the supported locales, else the default (zh_CN).
 */
public class ConsoleViewHandler extends ViewHandlerWrapper {

  public ConsoleViewHandler(ViewHandler wrapped) {
    super(wrapped);
  }

  @Override
  public Locale calculateLocale(FacesContext context) {
    Locale chosen = CDI.current().select(ConsoleLanguage.class).get().chosen(context);
    return chosen != null ? chosen : super.calculateLocale(context);
  }
}
