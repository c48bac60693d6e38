package io.paydesk.api;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The staff API's optional query parameters, read once for every resource: blank is absent. */
final class QueryParams {

  private QueryParams() {}

  /** One of {@code type}'s constants by name, or null; anything else is INVALID_REQUEST. */
  static <E extends Enum<E>> E oneOf(Class<E> type, String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip());
    } catch (IllegalArgumentException e) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, name + ": one of " + List.of(type.getEnumConstants()));
    }
  }

  /** An ISO-8601 instant, or null; anything else is INVALID_REQUEST. */
  static Instant instant(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, name + ": an instant like 2026-11-28T00:00:00Z");
    }
  }
}
