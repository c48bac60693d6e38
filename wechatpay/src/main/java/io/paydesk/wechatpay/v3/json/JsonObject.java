package io.paydesk.wechatpay.v3.json;

import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON object: every field that arrived, in order, read by name. Fields this version does
 * not know are kept (see {@link #asMap()}) and otherwise ignored. The typed getters fail with
 * {@code FIELD_MISSING} / {@code FIELD_INVALID}; the {@code opt} ones return null when a field is
 * absent or JSON null.
 */
public final class JsonObject {
  /** JSON {@code null}, distinct from an absent field. */
  static final Object NULL = new Object();

  private final Map<String, Object> fields;

  JsonObject(Map<String, Object> fields) {
    this.fields = fields;
  }

  /** Every field (unmodifiable); JSON null values are reported as null. */
  public Map<String, Object> asMap() {
    java.util.LinkedHashMap<String, Object> copy = new java.util.LinkedHashMap<>();
    fields.forEach((k, v) -> copy.put(k, v == NULL ? null : v));
    return java.util.Collections.unmodifiableMap(copy);
  }

  public boolean has(String name) {
    Object v = fields.get(name);
    return v != null && v != NULL;
  }

  public String string(String name) {
    String v = optString(name);
    if (v == null) {
      throw missing(name);
    }
    return v;
  }

  public String optString(String name) {
    Object v = fields.get(name);
    if (v == null || v == NULL) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    throw invalid(name, "a string");
  }

  public long longValue(String name) {
    Long v = optLong(name);
    if (v == null) {
      throw missing(name);
    }
    return v;
  }

  public Long optLong(String name) {
    Object v = fields.get(name);
    if (v == null || v == NULL) {
      return null;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw invalid(name, "an integer");
  }

  public JsonObject object(String name) {
    JsonObject v = optObject(name);
    if (v == null) {
      throw missing(name);
    }
    return v;
  }

  public JsonObject optObject(String name) {
    Object v = fields.get(name);
    if (v == null || v == NULL) {
      return null;
    }
    if (v instanceof JsonObject o) {
      return o;
    }
    throw invalid(name, "an object");
  }

  /** The objects of an array field; an absent field is an empty list. */
  public List<JsonObject> objects(String name) {
    Object v = fields.get(name);
    if (v == null || v == NULL) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw invalid(name, "an array");
    }
    for (Object item : list) {
      if (!(item instanceof JsonObject)) {
        throw invalid(name, "an array of objects");
      }
    }
    @SuppressWarnings("unchecked")
    List<JsonObject> objects = (List<JsonObject>) list;
    return objects;
  }

  @Override
  public String toString() {
    return "JsonObject" + fields.keySet();
  }

  private static WeChatPayException missing(String name) {
    return new WeChatPayException(Code.FIELD_MISSING, "missing field " + name);
  }

  private static WeChatPayException invalid(String name, String what) {
    return new WeChatPayException(Code.FIELD_INVALID, "field " + name + " is not " + what);
  }
}
