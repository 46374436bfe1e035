package org.deepfig;

import com.fasterxml.jackson.core.JsonLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deepfig.config.YamlLocator;

/**
 * Where a key of a config file is written, for errors found after loading: {@code file:line:column} of the key (or
 * of the nearest enclosing key the file spells out, when the value is a default), else {@code file: dotted.key}.
 */
final class ConfigPositions {
  private final Path file;
  private final String yaml; // null when the file cannot be read again

  ConfigPositions(Path file) {
    this.file = file;
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      text = null;
    }
    this.yaml = text;
  }

  /** {@code where} for a {@link UserError} about the value at {@code path} ({@code figures, 2, layers, 0}). */
  String of(List<String> path) {
    for (int n = path.size(); n > 0 && yaml != null; n--) {
      Optional<JsonLocation> loc = YamlLocator.find(yaml, path.subList(0, n));
      if (loc.isPresent() && loc.get().getLineNr() > 0) {
        return file + ":" + loc.get().getLineNr() + ":" + loc.get().getColumnNr();
      }
    }
    return file + ": " + String.join(".", path);
  }

  UserError error(List<String> path, String message, String fix) {
    return new UserError(of(path), message, fix);
  }
}
