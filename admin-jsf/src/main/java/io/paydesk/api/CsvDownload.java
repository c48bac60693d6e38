package io.paydesk.api;

import io.paydesk.admin.Texts;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A CSV export as an HTTP answer: streamed (the rows are written while they are read, see {@link
 * io.paydesk.export.Exports}), as an attachment, in the caller's language (Accept-Language: English
 * when asked for, otherwise the console's Simplified Chinese).
 */
final class CsvDownload {

  static final String CSV = "text/csv; charset=UTF-8";

  private CsvDownload() {}

  static Locale locale(HttpHeaders headers) {
    for (Locale wanted : headers.getAcceptableLanguages()) {
      if ("en".equals(wanted.getLanguage())) {
        return Locale.ENGLISH;
      }
      if ("zh".equals(wanted.getLanguage())) {
        return Texts.DEFAULT;
      }
    }
    return Texts.DEFAULT;
  }

  static Response of(String fileName, Consumer<OutputStream> writer) {
    StreamingOutput body = writer::accept;
    return Response.ok(body, CSV)
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }
}
