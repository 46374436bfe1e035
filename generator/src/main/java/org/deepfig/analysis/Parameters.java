package org.deepfig.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfig.config.ConfigSchema;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;
import org.deepfig.provenance.Json;
import org.deepfig.render.Numbers;

/**
 * A figure's parameter table, made from its options record: one row per option under its YAML key, with the value
 * the entry ran with (the declared default when the config left the key out, an enum as configs spell it, a list as
 * its items joined by commas). An option the record leaves null ({@link Doc#defText}: the analysis decides) shows
 * what the kind states it picked ({@link #with}); a kind adds the values it resolved that are no options the same
 * way. The table goes into the report, {@code figures.json}, the manifest and each figure file's provenance.
 */
public final class Parameters {
  /** The options as a config writes them: snake_case keys, enums by their {@code @JsonProperty} names. */
  private static final ObjectMapper YAML_VALUES = Json.snakeCase()
      .serializationInclusion(JsonInclude.Include.NON_NULL).build();

  private final Map<String, String> rows = new LinkedHashMap<>();

  private Parameters() {}

  /**
   * The rows of every option of {@code spec}. An option left null (a default the record describes but the analysis
   * picks, such as "the last convolution") has no row until the kind states what it picked.
   */
  public static Parameters of(FigureSpec spec) {
    Parameters p = new Parameters();
    for (RecordComponent rc : spec.getClass().getRecordComponents()) {
      Object value;
      try {
        value = rc.getAccessor().invoke(spec);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e); // an options record's accessors are public
      }
      String text = value == null ? "" : text(value);
      if (!text.isEmpty()) p.rows.put(ConfigSchema.key(rc), text); // nor an empty list (no neurons)
    }
    return p;
  }

  /**
   * States a value the kind resolved: over the option of that key (the layer it picked for a null {@code layer},
   * a count lowered to what the data holds), or beside the options ({@code split}, {@code points}); null removes
   * the row. Written as an option would be.
   */
  public Parameters with(String key, Object value) {
    if (value == null) rows.remove(key);
    else rows.put(key, value instanceof String s ? s : text(value));
    return this;
  }

  /** Leaves out options that did not apply to this figure (Barnes-Hut's theta when the FFT method ran). */
  public Parameters without(String... keys) {
    for (String k : keys) rows.remove(k);
    return this;
  }

  /** The table, key → value (the report, the manifest and the figure files sort it by key). */
  public Map<String, String> map() {
    return new LinkedHashMap<>(rows);
  }

  /**
   * A value as the table writes it: a number plainly (30, not 30.0), an enum by its YAML spelling, a list as its
   * items joined by ", ", a keyed value (an image selector) as {@code {key: value, …}}.
   */
  public static String text(Object value) {
    return text(YAML_VALUES.valueToTree(value), true);
  }

  private static String text(JsonNode n, boolean top) {
    if (n.isFloatingPointNumber()) return Numbers.plain(n.doubleValue());
    if (n.isValueNode()) return n.asText();
    List<String> parts = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(e -> parts.add(text(e, false)));
      String items = String.join(", ", parts);
      return top ? items : "[" + items + "]";
    }
    n.fields().forEachRemaining(e -> parts.add(e.getKey() + ": " + text(e.getValue(), false)));
    return "{" + String.join(", ", parts) + "}";
  }
}
