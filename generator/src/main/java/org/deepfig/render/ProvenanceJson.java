package org.deepfig.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * Provenance as written inside figure files: a flat JSON object with keys in sorted order, so the same provenance is
 * always the same bytes (and so the file's hash depends only on what went into it).
 */
public final class ProvenanceJson {
  /** Key under which the JSON is stored: PNG text-chunk keyword, PDF information entry, SVG metadata id. */
  public static final String KEY = "deepfig:provenance";

  private static final ObjectMapper MAPPER = org.deepfig.provenance.Json.plain();

  private ProvenanceJson() {}

  public static String write(Map<String, String> provenance) {
    try {
      return MAPPER.writeValueAsString(new TreeMap<>(provenance));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  public static Map<String, String> read(String json) {
    try {
      return new TreeMap<>(MAPPER.readValue(json, new TypeReference<Map<String, String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("provenance is not a JSON object of strings: " + e.getOriginalMessage(), e);
    }
  }
}
