package io.paydesk.api;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.ejb.AccessLocalException;
import jakarta.ejb.EJBAccessException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every error of the shop API into an {@code application/problem+json} answer. */
public final class ProblemMappers {

  static final String UNREADABLE = "the body is not valid JSON for this resource";

  private ProblemMappers() {}

  /** A business rule said no. */
  @Provider
  public static class Business implements ExceptionMapper<PayDeskException> {
    @Override
    public Response toResponse(PayDeskException e) {
      ErrorCode code = e.code();
      return Problem.of(code.httpStatus(), code.name(), code.title(), e.getMessage()).toResponse();
    }
  }

  /**
   * Bean Validation refused the input. Messages from the resource bundles
   * (ValidationMessages*.properties) are given in the caller's language: Simplified Chinese when
   * Accept-Language puts Chinese first, English otherwise.
   */
  @Provider
  public static class Validation implements ExceptionMapper<ConstraintViolationException> {
    private static final jakarta.validation.MessageInterpolator INTERPOLATOR =
        jakarta.validation.Validation.byDefaultProvider()
            .configure()
            .getDefaultMessageInterpolator();

    @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers;

    @Override
    public Response toResponse(ConstraintViolationException e) {
      java.util.Locale locale = locale();
      List<Problem.Violation> violations =
          e.getConstraintViolations().stream()
              .map(v -> new Problem.Violation(field(v), message(v, locale)))
              .sorted(Comparator.comparing(Problem.Violation::field))
              .toList();
      ErrorCode code = ErrorCode.INVALID_REQUEST;
      return Problem.of(
              code.httpStatus(), code.name(), code.title(), "some fields are missing or invalid")
          .withViolations(violations)
          .toResponse();
    }

    private java.util.Locale locale() {
      List<java.util.Locale> wanted =
          headers == null ? List.of() : headers.getAcceptableLanguages();
      return !wanted.isEmpty() && "zh".equals(wanted.get(0).getLanguage())
          ? java.util.Locale.SIMPLIFIED_CHINESE
          : java.util.Locale.ENGLISH;
    }

    private static String message(ConstraintViolation<?> v, java.util.Locale locale) {
      String template = v.getMessageTemplate();
      if (template == null || !template.startsWith("{")) {
        return v.getMessage();
      }
      return INTERPOLATOR.interpolate(
          template,
          new jakarta.validation.MessageInterpolator.Context() {
            @Override
            public jakarta.validation.metadata.ConstraintDescriptor<?> getConstraintDescriptor() {
              return v.getConstraintDescriptor();
            }

            @Override
            public Object getValidatedValue() {
              return v.getInvalidValue();
            }

            @Override
            public <T> T unwrap(Class<T> type) {
              throw new jakarta.validation.ValidationException("not supported: " + type);
            }
          },
          locale);
    }

    /** The last path node: "create.arg0.amount" becomes "amount". */
    private static String field(ConstraintViolation<?> violation) {
      String path = violation.getPropertyPath().toString();
      return path.substring(path.lastIndexOf('.') + 1);
    }
  }

  /** JAX-RS' own errors: unreadable JSON, unknown path, wrong method. */
  @Provider
  public static class Web implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response.StatusType status = e.getResponse().getStatusInfo();
      if (status.getStatusCode() == 400) {
        ErrorCode code = ErrorCode.INVALID_REQUEST;
        return Problem.of(400, code.name(), code.title(), UNREADABLE).toResponse();
      }
      return Problem.of(
              status.getStatusCode(),
              "HTTP_" + status.getStatusCode(),
              status.getReasonPhrase(),
              status.getReasonPhrase())
          .toResponse();
    }
  }

  /** The request body could not be read as the resource's JSON (Jersey's JSON-B reader). */
  @Provider
  public static class Unreadable implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
      ErrorCode code = ErrorCode.INVALID_REQUEST;
      return Problem.of(400, code.name(), code.title(), UNREADABLE).toResponse();
    }
  }

  /**
   * Anything else. The EJB container wraps some refusals (method validation) in its own exceptions:
   * those are unwrapped; the rest is a 500 without internals, logged in full.
   */
  @Provider
  public static class Unexpected implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
      for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
        if (t instanceof PayDeskException business) {
          return new Business().toResponse(business);
        }
        if (t instanceof ConstraintViolationException invalid) {
          return new Validation().toResponse(invalid);
        }
        if (t instanceof EJBAccessException || t instanceof AccessLocalException) {
          return Problem.of(403, "FORBIDDEN", "Forbidden", "your role does not allow this")
              .toResponse();
        }
      }
      LOG.log(Level.SEVERE, "unexpected error in the shop API", e);
      return Problem.of(500, "INTERNAL_ERROR", "Internal error", "see the server log").toResponse();
    }
  }
}
