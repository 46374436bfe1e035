package org.deepfig.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which inputs two manifests disagree on, by name — a config section, the checkpoint, deepfig's code, libtorch, the
 * device, oneDNN's cap — as Tribuo's provenance diff names the differing fields of two models' provenance: what
 * {@code deepfig verify} says when its re-run cannot be the report's because something that decides the results
 * differs. Reads the manifests as written ({@link RunManifest}), so it also compares manifests of earlier versions
 * (an input a manifest does not record is not compared).
 */
public final class InputsDiff {
  /**
   * One input that differs.
   *
   * @param input its name ({@code config section train}, {@code checkpoint}, {@code code}, {@code libtorch},
   *     {@code device}, {@code oneDNN cap}, …)
   * @param where the first place in the manifest it differs (a JSON pointer)
   * @param a its value in the first manifest, {@code b} in the second ({@code nothing} when absent)
   */
  public record Difference(String input, String where, String a, String b) {
    /** {@code libtorch: 2.5.1 in the report, 2.7.1 in the re-run} with the given names of the two manifests. */
    public String describe(String nameA, String nameB) {
      return input + " (" + where + "): " + a + " in " + nameA + ", " + b + " in " + nameB;
    }
  }

  /** The named inputs outside the config, each with where the manifest records it. */
  private static final List<String[]> NAMED = List.of(
      new String[] {"checkpoint", "/checkpoint/sha256"},
      new String[] {"code", "/checkpoint/inputs/code"},
      new String[] {"training code", "/checkpoint/inputs/training_code"},
      new String[] {"deepfig version", "/versions/deepfig"},
      new String[] {"libtorch", "/versions/pytorch"},
      new String[] {"DJL", "/versions/djl"},
      new String[] {"device", "/device"},
      new String[] {"oneDNN cap", "/versions/" + Versions.ONEDNN_ISA},
      new String[] {"convolution gradients", "/versions/conv_gradients"},
      new String[] {"data files", "/data/files"});

  private InputsDiff() {}

  /** Every input {@code a} and {@code b} record differently: the config's sections first, in name order. */
  public static List<Difference> between(JsonNode a, JsonNode b) {
    List<Difference> out = new ArrayList<>();
    JsonNode ca = a.path("config");
    JsonNode cb = b.path("config");
    Set<String> sections = new TreeSet<>();
    ca.fieldNames().forEachRemaining(sections::add);
    cb.fieldNames().forEachRemaining(sections::add);
    for (String s : sections) {
      String where = firstDifference(ca.path(s), cb.path(s), "/config/" + s);
      if (where != null) {
        out.add(new Difference("config section " + s, where, show(a.at(where)), show(b.at(where))));
      }
    }
    for (String[] named : NAMED) {
      JsonNode x = a.at(named[1]);
      JsonNode y = b.at(named[1]);
      if (x.isMissingNode() && y.isMissingNode()) continue;
      if (named[0].equals("convolution gradients") || !(x.isMissingNode() || y.isMissingNode())) {
        if (!x.equals(y)) out.add(new Difference(named[0], named[1], show(x), show(y)));
      }
    }
    return out;
  }

  /** The first JSON pointer under {@code pointer} at which the two trees differ, or null when they are equal. */
  private static String firstDifference(JsonNode x, JsonNode y, String pointer) {
    if (x.equals(y)) return null;
    if (x.isObject() && y.isObject()) {
      Set<String> names = new TreeSet<>();
      x.fieldNames().forEachRemaining(names::add);
      y.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        String d = firstDifference(x.path(n), y.path(n), pointer + "/" + n);
        if (d != null) return d;
      }
    }
    if (x.isArray() && y.isArray() && x.size() == y.size()) {
      for (int i = 0; i < x.size(); i++) {
        String d = firstDifference(x.get(i), y.get(i), pointer + "/" + i);
        if (d != null) return d;
      }
    }
    return pointer;
  }

  private static String show(JsonNode v) {
    if (v.isMissingNode()) return "nothing";
    String s = v.isTextual() ? v.asText() : v.toString();
    return s.length() <= 40 ? s : s.substring(0, 37) + "…";
  }
}
