package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code train.snapshots}: the epochs whose parameters training keeps, as a list ({@code [0, 1, 2, 5, 10]}) or
 * {@code {every: N}} (epoch 0, every N-th epoch and the last). Epoch 0 is the seeded initialisation. Written back as
 * the user wrote it.
 */
@JsonDeserialize(using = SnapshotsConfig.Reader.class)
public record SnapshotsConfig(List<Integer> epochs, Integer every) {
  /** More snapshots than this would fill the cache with little to show. */
  public static final int MAX = 101;

  public SnapshotsConfig {
    if ((epochs == null) == (every == null)) throw new IllegalArgumentException("a list of epochs or every");
    epochs = epochs == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(epochs));
    if (epochs != null) {
      ConfigValueException.check(!epochs.isEmpty(), "snapshots", "snapshots lists no epoch",
          "list epochs such as [0, 1, 2, 5, 10], or write {every: N}");
      for (Integer e : epochs) {
        ConfigValueException.check(e != null && e >= 0, "snapshots", "snapshot epochs are whole numbers from 0 "
            + "(the initialisation), got " + e, "list epochs such as [0, 1, 2, 5, 10]");
      }
      ConfigValueException.check(epochs.stream().distinct().count() == epochs.size(), "snapshots",
          "snapshots lists an epoch twice", "list each epoch once");
      ConfigValueException.check(epochs.size() <= MAX, "snapshots", "snapshots lists " + epochs.size()
          + " epochs, at most " + MAX + " are kept", "list fewer epochs, or write {every: N}");
    } else {
      ConfigValueException.between("every", every, 1, 1000);
    }
  }

  public static SnapshotsConfig of(Integer... epochs) {
    return new SnapshotsConfig(List.of(epochs), null);
  }

  public static SnapshotsConfig every(int n) {
    return new SnapshotsConfig(null, n);
  }

  /** The epochs kept when training runs {@code total} epochs, ascending (every N: 0, N, 2N, … and the last). */
  public List<Integer> resolve(int total) {
    TreeSet<Integer> out = new TreeSet<>();
    if (epochs != null) {
      out.addAll(epochs);
    } else {
      for (int e = 0; e <= total; e += every) out.add(e);
      out.add(total);
    }
    return List.copyOf(out);
  }

  @JsonValue
  Object json() {
    if (epochs != null) return epochs;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("every", every);
    return m;
  }

  /** The JSON Schema: a list of epochs or {every: N}. */
  static Map<String, Object> schema() {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("type", "array");
    Map<String, Object> item = new LinkedHashMap<>(); // not Map.of: its order changes from run to run
    item.put("type", "integer");
    item.put("minimum", 0);
    list.put("items", item);
    Map<String, Object> every = new LinkedHashMap<>();
    every.put("type", "object");
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("type", "integer");
    n.put("minimum", 1);
    n.put("maximum", 1000);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("every", n);
    every.put("properties", props);
    every.put("required", List.of("every"));
    every.put("additionalProperties", false);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("oneOf", List.of(list, every));
    return s;
  }

  static final class Reader extends StdDeserializer<SnapshotsConfig> {
    Reader() {
      super(SnapshotsConfig.class);
    }

    @Override
    public SnapshotsConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      try {
        if (p.currentToken() == JsonToken.START_ARRAY) {
          List<Integer> list = ctxt.readValue(p, ctxt.getTypeFactory().constructCollectionType(List.class,
              Integer.class));
          return new SnapshotsConfig(list, null);
        }
        if (p.currentToken() == JsonToken.START_OBJECT) {
          Integer every = null;
          for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            p.nextToken();
            if (!key.equals("every")) {
              throw new ConfigValueException(key, "unknown key '" + key + "' in snapshots",
                  "write snapshots: {every: N} or a list of epochs");
            }
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
              throw new ConfigValueException("every", "every must be a whole number of epochs",
                  "write snapshots: {every: 2}");
            }
            every = p.getIntValue();
          }
          if (every == null) {
            throw new ConfigValueException("snapshots", "snapshots needs every", "write snapshots: {every: 2}");
          }
          return new SnapshotsConfig(null, every);
        }
      } catch (ConfigValueException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
      return (SnapshotsConfig) ctxt.handleUnexpectedToken(SnapshotsConfig.class, p);
    }
  }
}
