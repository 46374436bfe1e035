package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.provenance.Json;

/**
 * The JSON Schema (draft 2020-12) of experiment configs, generated from the config records and their {@link Doc}
 * annotations, so the schema editors use can never drift from what the loader accepts.
 */
public final class ConfigSchema {
  private ConfigSchema() {}

  public static String generate(Map<String, Class<? extends FigureSpec>> kinds, Map<String, String> descriptions) {
    Map<String, Object> root = object(ExperimentConfig.class, kinds, descriptions);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    out.put("$id", "https://deepfig.org/schema/experiment.json");
    out.put("title", "deepfig experiment");
    out.putAll(root);
    try {
      return Json.plain().writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key a record component is written as: its {@code @JsonProperty} name, else its name in snake_case. */
  public static String key(RecordComponent rc) {
    JsonProperty jp = rc.getAnnotation(JsonProperty.class);
    if (jp == null) {
      try {
        jp = rc.getDeclaringRecord().getDeclaredField(rc.getName()).getAnnotation(JsonProperty.class);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e);
      }
    }
    return jp != null && !jp.value().isEmpty() ? jp.value() : key(rc.getName());
  }

  /** The snake_case key a record component is written as. */
  public static String key(String component) {
    StringBuilder sb = new StringBuilder();
    for (char c : component.toCharArray()) {
      if (Character.isUpperCase(c)) sb.append('_').append(Character.toLowerCase(c));
      else sb.append(c);
    }
    return sb.toString();
  }

  private static Map<String, Object> object(Class<?> record, Map<String, Class<? extends FigureSpec>> kinds,
      Map<String, String> descriptions) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    Doc doc = record.getAnnotation(Doc.class);
    if (doc != null) s.put("description", doc.value());
    Map<String, Object> props = new LinkedHashMap<>();
    for (RecordComponent rc : record.getRecordComponents()) {
      Map<String, Object> p = type(rc.getGenericType(), kinds, descriptions);
      if (readsAnyScalar(record, rc)) p.put("type", List.of("string", "number", "boolean"));
      Doc d = rc.getAnnotation(Doc.class);
      if (d != null) {
        String def = d.def().isEmpty() ? d.defText() : d.def();
        p.put("description", d.value() + (def.isEmpty() ? "" : " (default: " + def + ")"));
        // a list of numbers is bounded element by element
        @SuppressWarnings("unchecked")
        Map<String, Object> bounded = p.get("items") instanceof Map<?, ?> items && "array".equals(p.get("type"))
            ? (Map<String, Object>) items : p;
        if (!d.min().isEmpty()) bounded.put("minimum", number(d.min()));
        if (!d.above().isEmpty()) bounded.put("exclusiveMinimum", number(d.above()));
        if (!d.max().isEmpty()) bounded.put("maximum", number(d.max()));
      }
      props.put(key(rc), p);
    }
    s.put("properties", props);
    s.put("additionalProperties", false);
    return s;
  }

  private static Map<String, Object> type(Type t, Map<String, Class<? extends FigureSpec>> kinds,
      Map<String, String> descriptions) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (t instanceof ParameterizedType pt && pt.getRawType() == List.class) {
      p.put("type", "array");
      p.put("items", type(pt.getActualTypeArguments()[0], kinds, descriptions));
      return p;
    }
    Class<?> c = (Class<?>) t;
    if (c == ImageChoice.class) { // a test-image index, or the keyed form
      p.put("oneOf", List.of(ordered("type", "integer", "minimum", 0), object(ImageChoice.Selector.class, kinds,
          descriptions)));
      return p;
    }
    if (c == ChannelPick.class) { // how many channels, or which
      p.put("oneOf", List.of(ordered("type", "integer", "minimum", 1), ordered("type", "array", "items",
          ordered("type", "integer", "minimum", 0))));
      return p;
    }
    if (c == String.class) p.put("type", "string");
    else if (c == Integer.class || c == Long.class || c == int.class || c == long.class) p.put("type", "integer");
    else if (c == Double.class || c == Float.class || c == double.class) p.put("type", "number");
    else if (c == Boolean.class || c == boolean.class) p.put("type", "boolean");
    else if (c == FigureSize.class) {
      return FigureSize.schema();
    } else if (c == SnapshotsConfig.class) {
      return SnapshotsConfig.schema();
    } else if (c.isEnum()) {
      p.put("type", "string");
      List<String> values = new ArrayList<>();
      for (Object e : c.getEnumConstants()) values.add(enumName((Enum<?>) e));
      p.put("enum", values);
    } else if (c == FigureSpec.class) {
      List<Object> options = new ArrayList<>();
      kinds.forEach((kind, spec) -> {
        Map<String, Object> o = object(spec, kinds, descriptions);
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) o.get("properties");
        Map<String, Object> withKind = new LinkedHashMap<>();
        withKind.put("kind", Map.of("const", kind));
        withKind.putAll(props);
        Map<String, Object> size = new LinkedHashMap<>(FigureSize.schema());
        size.put("description", "This figure's own physical size, overriding output.size");
        withKind.put("size", size);
        o.put("properties", withKind);
        o.put("required", List.of("kind"));
        if (descriptions.containsKey(kind)) o.put("description", descriptions.get(kind));
        options.add(o);
      });
      p.put("oneOf", options);
    } else if (c.isRecord()) {
      return object(c, kinds, descriptions);
    } else {
      throw new IllegalStateException("no schema for " + c);
    }
    return p;
  }

  /** A map in the order written (Map.of's order changes from run to run, and the schema file must not). */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return m;
  }

  /** A text key read with {@link ScalarAsText} ({@code target: true}) takes any scalar. */
  private static boolean readsAnyScalar(Class<?> record, RecordComponent rc) {
    try {
      JsonDeserialize d = record.getDeclaredField(rc.getName()).getAnnotation(JsonDeserialize.class);
      return d != null && d.using() == ScalarAsText.class;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  static String enumName(Enum<?> e) {
    return Declared.spelling(e);
  }

  private static Number number(String s) {
    return s.contains(".") ? (Number) Double.valueOf(s) : (Number) Long.valueOf(s);
  }
}
