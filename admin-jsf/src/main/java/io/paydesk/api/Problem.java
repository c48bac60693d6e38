package io.paydesk.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail}, plus PayDesk's
 * stable {@code code} and, for invalid input, what was wrong with which field.
 */
public record Problem(
    String type, String title, int status, String detail, String code, List<Violation> violations) {

  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

  /** One invalid field. */
  public record Violation(String field, String message) {}

  public static Problem of(int status, String code, String title, String detail) {
    return new Problem(
        "https://paydesk.io/problems/" + code.toLowerCase().replace('_', '-'),
        title,
        status,
        detail,
        code,
        List.of());
  }

  public Problem withViolations(List<Violation> list) {
    return new Problem(type, title, status, detail, code, List.copyOf(list));
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this).build();
  }
}
