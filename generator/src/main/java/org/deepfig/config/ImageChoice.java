package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One entry of an {@code images:} option (saliency, activations, top-patches): a test-image index ({@code 12}), an
 * image file ({@code {path: cats/1.jpg}}), test images of a class ({@code {class: cat, count: 3}}) or chosen by a rule
 * on the test set's predictions ({@code {rule: most-confident-wrong, count: 4}}, optionally within a class). Written
 * back as the user wrote it: an index as a plain number, anything else as its keys.
 */
@JsonDeserialize(using = ImageChoice.Reader.class)
public record ImageChoice(Integer index, Selector selector) {
  /** The rules a {@link Selector} can name, spelt as configs write them. */
  public enum Rule {
    @JsonProperty("most-confident") MOST_CONFIDENT,
    @JsonProperty("most-confident-wrong") MOST_CONFIDENT_WRONG,
    @JsonProperty("least-confident") LEAST_CONFIDENT,
    @JsonProperty("random") RANDOM;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }
  /** The most images one entry may select. */
  public static final int MAX_COUNT = 10000;

  public ImageChoice {
    if ((index == null) == (selector == null)) {
      throw new IllegalArgumentException("an image choice is an index or a selector");
    }
  }

  public static ImageChoice index(int i) {
    return new ImageChoice(i, null);
  }

  public static List<ImageChoice> indices(int... is) {
    return java.util.Arrays.stream(is).mapToObj(ImageChoice::index).toList();
  }

  /** Checks the indices of an {@code images:} list (the keyed entries check themselves), reporting under key. */
  public static void check(String key, List<ImageChoice> images) {
    for (ImageChoice c : images) {
      ConfigValueException.check(c != null, key, key + " has an empty entry", "remove the empty entry");
      if (c.isIndex()) ConfigValueException.atLeast(key, c.index(), 0);
    }
  }

  @JsonValue
  Object json() {
    return index != null ? index : selector;
  }

  public boolean isIndex() {
    return index != null;
  }

  /** The keyed form of an entry of {@code images:}. */
  @Doc("An image chosen by file, by class or by a rule on the test set's predictions.")
  public record Selector(
      @Doc("An image file (PNG or JPEG), relative to the config file's folder; it must lie inside that folder or "
          + "the dataset's folder. Decoded and resized like the dataset's images") String path,
      @Doc("Test images of this class (the first `count`, or those `rule` picks among them); with `path`: the "
          + "image's true class (default: its folder's name when that is a class)")
      @JsonProperty("class") String className,
      @Doc("most-confident (right, highest probability first), most-confident-wrong (wrong, highest probability of "
          + "the wrong class first), least-confident (lowest probability of the predicted class first), random "
          + "(seeded); over the test set, or the test images of `class`") Rule rule,
      @Doc(value = "How many test images the entry selects", defText = "1", min = "1", max = "10000") Integer count) {
    public Selector {
      if (path != null) {
        ConfigValueException.check(!path.isBlank(), "path", "path is empty", "name an image file");
        ConfigValueException.check(rule == null, "rule", "rule selects test images; it cannot go with path",
            "give path, or rule (with class and count), in separate entries");
        ConfigValueException.check(count == null, "count", "count selects test images; it cannot go with path",
            "remove count (one path is one image)");
      } else {
        ConfigValueException.check(className != null || rule != null, "path", "an image entry needs path, class or "
            + "rule", "write a test-image index, {path: FILE}, {class: NAME, count: N} or {rule: RULE, count: N}");
        if (count == null) count = 1; // not with path (one path is one image)
      }
    }
  }

  /** A whole number is a test-image index; a map of keys is a {@link Selector}. */
  static final class Reader extends StdDeserializer<ImageChoice> {
    private static final List<String> KEYS = List.of("path", "class", "rule", "count");

    Reader() {
      super(ImageChoice.class);
    }

    @Override
    public ImageChoice deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        return index(p.getIntValue()); // ≥ 0 is checked by the options record, which knows the key
      }
      if (p.currentToken() == JsonToken.START_OBJECT) {
        // unknown keys first: Jackson would build the record (and report its missing keys) before naming them
        JsonNode node = ctxt.readTree(p);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          String name = it.next();
          if (!KEYS.contains(name)) {
            UnrecognizedPropertyException e = UnrecognizedPropertyException.from(p, Selector.class, name,
                new ArrayList<>(KEYS));
            e.prependPath(Selector.class, name);
            throw e;
          }
        }
        return new ImageChoice(null, ctxt.readTreeAsValue(node, Selector.class));
      }
      return (ImageChoice) ctxt.handleUnexpectedToken(ImageChoice.class, p);
    }
  }
}
