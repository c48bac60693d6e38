package io.paydesk.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Names of statuses, types and roles for people ({@code #{label.of(order.status())}}): the bundle's
 * {@code <EnumType>.<CONSTANT>}, e.g. {@code OrderStatus.PAID} = 已支付 or "Paid". The enums stay free
 * of text; a test checks every constant of the shown enums has its name in every language.
 */
@Named("label")
@ApplicationScoped
public class Labels {

  /** The name of a status, type, role or outcome; empty for null. */
  public String of(Enum<?> value) {
    return value == null ? "" : Texts.get(key(value));
  }

  /** The names of several, separated as the language separates a list. */
  public String all(Collection<? extends Enum<?>> values) {
    return values == null
        ? ""
        : values.stream().map(this::of).collect(Collectors.joining(Texts.get("list.separator")));
  }

  /** The name of a reconciliation day's status given by its constant's name (the day views). */
  public String dayStatus(String status) {
    return status == null ? "" : Texts.get("DayStatus." + status);
  }

  /** The name of a discrepancy type given by its constant's name (reconciliation's views). */
  public String discrepancy(String type) {
    return type == null ? "" : Texts.get("DiscrepancyType." + type);
  }

  /** The bundle key of an enum constant's name. */
  public static String key(Enum<?> value) {
    return value.getDeclaringClass().getSimpleName() + "." + value.name();
  }
}
