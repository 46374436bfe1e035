package org.deepfig.provenance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Where deepfig's Jackson mappers come from. Two spellings on disk, each kept as it is: what deepfig writes for
 * itself (cached {@code figures.json} and {@code history.json}, provenance inside figure files, JSON trees) is
 * Jackson's default camelCase, through {@link #plain()}; what users read and write (the config, the manifest, a
 * model's layer sidecar) is snake_case, through {@link #snakeCase()} and {@link #manifest()}.
 */
public final class Json {
  private Json() {}

  private static final ObjectMapper PLAIN = JsonMapper.builder().build();

  /** Jackson's defaults (camelCase): shared, thread-safe; use {@code writerWithDefaultPrettyPrinter()} to indent. */
  public static ObjectMapper plain() {
    return PLAIN;
  }

  /** A builder for snake_case JSON ({@code config_sha256}, {@code input_shape}), to configure further. */
  public static JsonMapper.Builder snakeCase() {
    return JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  }

  /** As {@link #snakeCase()}, over another format's factory (the config's YAML). */
  public static JsonMapper.Builder snakeCase(JsonFactory factory) {
    return JsonMapper.builder(factory).propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  }

  /** The manifest's mapper: snake_case, indented, map entries in key order. */
  public static ObjectMapper manifest() {
    return snakeCase().enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  }
}
