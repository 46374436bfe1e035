package org.deepfig.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * The canonical JSON of a stage's inputs, and its sha256 (the stage's key): snake_case names, properties and map
 * entries sorted, nulls left out, so the same inputs always give the same text whatever order they were assembled in.
 * Config sections enter as the trees {@link #section} makes of them with the config loader's canonical mapper, which
 * are already sorted.
 */
public final class Canonical {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private Canonical() {}

  public static String json(Object inputs) {
    try {
      return MAPPER.writeValueAsString(inputs);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A config section (or a value of one) as {@code configMapper} writes it as a value among others — so a figures
   * entry comes without its {@code kind}, which the inputs hold beside it, as the stage keys always had it.
   */
  public static JsonNode section(ObjectMapper configMapper, Object value) {
    return value == null ? null : configMapper.valueToTree(java.util.Collections.singletonMap("v", value)).get("v");
  }

  public static String sha256(Object inputs) {
    return Hashes.sha256(json(inputs).getBytes(StandardCharsets.UTF_8));
  }
}
