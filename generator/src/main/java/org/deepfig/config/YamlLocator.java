package org.deepfig.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds where a value sits in a YAML text, by its path ({@code ["train", "epochs"]}, {@code ["figures", "1",
 * "kind"]}). Jackson's tree model keeps no locations, so this walks the token stream once. Public for checks made
 * after loading (the pre-flight) that point at a key the same way the loader does.
 */
public final class YamlLocator {
  private YamlLocator() {}

  /** The position of the key (or list element) at {@code path}; empty when the text does not show it. */
  public static Optional<JsonLocation> find(String yaml, List<String> path) {
    return find(yaml, path, false);
  }

  /** The position of the value at {@code path} (for a key: what follows it); empty when the text does not show it. */
  public static Optional<JsonLocation> findValue(String yaml, List<String> path) {
    return find(yaml, path, true);
  }

  private static Optional<JsonLocation> find(String yaml, List<String> path, boolean value) {
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      List<String> current = new ArrayList<>();
      List<Integer> indices = new ArrayList<>(); // per level: -1 for objects, next index for arrays
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case FIELD_NAME -> {
            current.set(current.size() - 1, p.currentName());
            if (current.equals(path)) {
              if (value) p.nextToken();
              return Optional.of(p.currentTokenLocation());
            }
          }
          case START_OBJECT, START_ARRAY -> {
            advanceArrayIndex(current, indices);
            if (current.equals(path) && !path.isEmpty()) return Optional.of(p.currentTokenLocation());
            current.add(null);
            indices.add(t == JsonToken.START_ARRAY ? 0 : -1);
          }
          case END_OBJECT, END_ARRAY -> {
            current.remove(current.size() - 1);
            indices.remove(indices.size() - 1);
          }
          default -> {
            advanceArrayIndex(current, indices);
            if (current.equals(path)) return Optional.of(p.currentTokenLocation());
          }
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static void advanceArrayIndex(List<String> current, List<Integer> indices) {
    int level = indices.size() - 1;
    if (level >= 0 && indices.get(level) >= 0) {
      int i = indices.get(level);
      current.set(level, Integer.toString(i));
      indices.set(level, i + 1);
    }
  }
}
