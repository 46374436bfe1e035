package org.deepfig.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical size figures are set at: a name ({@code screen}, {@code column}, {@code page}, {@code slide}) or
 * {@code {width: 89mm, font: 8pt}}. A figure's PDF and SVG are then exactly that wide, with labels at that size, so a
 * LaTeX {@code \includegraphics} needs no scaling. {@code screen} keeps each figure's natural width.
 *
 * @param width in points (0 for screen)
 * @param font label size in points
 */
@JsonDeserialize(using = FigureSize.Reader.class)
public record FigureSize(String name, double width, double font) {
  /** Natural width, 9 pt labels: the HTML report. */
  public static final FigureSize SCREEN = new FigureSize("screen", 0, 9);
  /** One column of a two-column paper: 3.5 in with 8 pt text. */
  public static final FigureSize COLUMN = new FigureSize("column", 3.5 * 72, 8);
  /** The full text width of a paper: 7 in with 9 pt text. */
  public static final FigureSize PAGE = new FigureSize("page", 7 * 72, 9);
  /** A 16:9 slide: 10 in with 18 pt text. */
  public static final FigureSize SLIDE = new FigureSize("slide", 10 * 72, 18);

  private static final Map<String, FigureSize> NAMED =
      Map.of("screen", SCREEN, "column", COLUMN, "page", PAGE, "slide", SLIDE);
  private static final Pattern LENGTH = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(mm|cm|in|pt)\\s*");
  private static final double MIN_WIDTH = 72;
  private static final double MAX_WIDTH = 40 * 72;

  public FigureSize {
    ConfigValueException.check(width == 0 || width >= MIN_WIDTH && width <= MAX_WIDTH, "width",
        "a figure width must be between 1 in and 40 in, got " + points(width), "write a width such as 89mm or 3.5in");
    ConfigValueException.check(font >= 6 && font <= 48, "font", "a font size must be between 6 pt and 48 pt, got "
        + points(font), "write a size such as 8pt");
  }

  /**
   * How a size is written back (the manifest's config, which {@code deepfig verify} reads again): its name, or
   * {@code {width: 252.28pt, font: 8pt}} for a custom size, in the form {@link Reader} takes.
   */
  @JsonValue
  Object written() {
    if (NAMED.get(name) == this || NAMED.containsKey(name) && NAMED.get(name).equals(this)) return name;
    Map<String, String> m = new LinkedHashMap<>();
    m.put("width", plain(width) + "pt");
    m.put("font", plain(font) + "pt");
    return m;
  }

  private static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** The JSON Schema of a size: a name, or an object with a width and an optional font size, each with a unit. */
  static Map<String, Object> schema() {
    Map<String, Object> named = new LinkedHashMap<>();
    named.put("type", "string");
    named.put("enum", List.of("screen", "column", "page", "slide"));
    Map<String, Object> length = new LinkedHashMap<>();
    length.put("type", "string");
    length.put("pattern", "^[0-9]+(\\.[0-9]+)?\\s*(mm|cm|in|pt)$");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("width", length);
    properties.put("font", length);
    Map<String, Object> custom = new LinkedHashMap<>();
    custom.put("type", "object");
    custom.put("properties", properties);
    custom.put("required", List.of("width"));
    custom.put("additionalProperties", false);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("oneOf", List.of(named, custom));
    return schema;
  }

  /** Whether titles are drawn in the figure by default: on screen and slides; papers set them in the caption. */
  public boolean titlesByDefault() {
    return width == 0 || this == SLIDE || name.equals("slide");
  }

  /** A length with its unit ({@code 89mm}, {@code 3.5in}, {@code 8.9cm}, {@code 252pt}) in points. */
  static double parseLength(String text, String key) {
    Matcher m = LENGTH.matcher(text);
    if (!m.matches()) {
      throw new ConfigValueException(key, "'" + text + "' is not a length with a unit", "write a number and a unit: "
          + "mm, cm, in or pt, e.g. " + (key.equals("font") ? "8pt" : "89mm"));
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "mm" -> v * 72 / 25.4;
      case "cm" -> v * 72 / 2.54;
      case "in" -> v * 72;
      default -> v;
    };
  }

  private static String points(double v) {
    return String.format(Locale.ROOT, "%.1f pt", v);
  }

  /** Reads a name or a {@code {width, font}} section; errors carry the key and a fix, like a record's checks. */
  static final class Reader extends JsonDeserializer<FigureSize> {
    @Override
    public FigureSize deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      try {
        if (p.currentToken() == JsonToken.VALUE_STRING) return named(p.getText());
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw MismatchedInputException.from(p, FigureSize.class, "expected a size name or {width, font}");
        }
        String width = null;
        String font = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
          String key = p.currentName();
          p.nextToken();
          if (!p.currentToken().isScalarValue()) {
            throw new ConfigValueException(key, key + " must be a length such as 89mm", "write e.g. width: 89mm");
          }
          switch (key) {
            case "width" -> width = p.getText();
            case "font" -> font = p.getText();
            default -> throw new ConfigValueException(key, "unknown key '" + key + "' in a size",
                "a size has width (e.g. 89mm) and font (e.g. 8pt)");
          }
        }
        if (width == null) {
          throw new ConfigValueException("", "a size needs a width", "write {width: 89mm, font: 8pt} or a name: "
              + String.join(", ", NAMED.keySet().stream().sorted().toList()));
        }
        double w = parseLength(width, "width");
        double f = font == null ? (w <= 4.5 * 72 ? 8 : 9) : parseLength(font, "font");
        return new FigureSize("custom", w, f);
      } catch (ConfigValueException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
    }

    private static FigureSize named(String name) {
      FigureSize s = NAMED.get(name.trim().toLowerCase(Locale.ROOT));
      if (s == null) {
        String names = String.join(", ", NAMED.keySet().stream().sorted().toList());
        String fix = Suggestions.nearest(name, NAMED.keySet()).map(n -> "did you mean '" + n + "'?")
            .orElse("use one of " + names + ", or {width: 89mm, font: 8pt}");
        throw new ConfigValueException("", "unknown size '" + name + "'", fix);
      }
      return s;
    }
  }
}
