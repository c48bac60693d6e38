package io.paydesk.erp.outbox.control;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * How an event's body becomes JSON for the ERP: JSON-B with its defaults (properties in
 * alphabetical order, instants as ISO-8601 UTC, nulls left out). docs/erp-contract.md and its
 * schemas describe the result.
 */
public final class EventJson {

  private static final Jsonb JSON = JsonbBuilder.create();

  private EventJson() {}

  public static String write(Object body) {
    return JSON.toJson(body);
  }
}
