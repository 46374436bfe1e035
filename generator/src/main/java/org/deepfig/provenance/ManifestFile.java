package org.deepfig.provenance;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.deepfig.UserError;

/**
 * Reads a report's {@code manifest.json} as a JSON tree, for {@code verify} and {@code site}: a file that is not
 * JSON, or not a JSON object, is a {@link UserError} naming it (with line and column when the JSON is malformed).
 */
public final class ManifestFile {
  private static final String FIX = "the report's manifest is damaged: rebuild the report with `deepfig run` (or "
      + "restore manifest.json from a copy)";

  private ManifestFile() {}

  public static ObjectNode read(Path file) {
    JsonNode tree;
    try {
      tree = Json.manifest().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? file.toString()
          : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new UserError(where, "not valid JSON: " + withoutSource(e.getOriginalMessage()), FIX, e);
    } catch (IOException e) {
      throw new UserError(file.toString(), "cannot read it: " + e.getMessage(), FIX, e);
    }
    if (tree instanceof ObjectNode m) return m;
    throw new UserError(file.toString(), "not a deepfig manifest: "
        + (tree == null || tree.isMissingNode() ? "the file is empty" : "expected a JSON object, found "
        + tree.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)), FIX);
  }

  /** Jackson's message names nested locations as {@code [Source: …; line: 2, column: 14]}; say {@code 2:14}. */
  private static String withoutSource(String message) {
    return message.replaceAll("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)]", "$1:$2").replaceAll("\\s+", " ");
  }
}
