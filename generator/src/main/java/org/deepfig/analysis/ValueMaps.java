package org.deepfig.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The numbers behind a figure's pictures (saliency maps, feature maps, filter weights, grown inputs), kept beside the
 * figure as {@code <id>.values.json} so that {@code deepfig diff} and a site's comparison pages can draw two runs on
 * one colour scale and subtract values rather than rendered pixels. Each map's values are float32, row-major
 * (channels × height × width), little-endian and base64-encoded: compact, exact, and the same bytes for the same
 * numbers.
 *
 * @param maps in the order the figure shows them
 */
public record ValueMaps(List<ValueMap> maps) {
  /** The attachment's suffix: the file is {@code <figure id>.values.json}. */
  public static final String SUFFIX = ".values.json";
  static final String FORMAT = "deepfig-values 1";
  /**
   * The group of the input images the other maps are of (saliency): not compared itself, drawn at the head of every
   * group whose maps it names, so readers see what the maps are of.
   */
  public static final String INPUTS = "inputs";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> COLOURS = Set.of("diverging", "viridis", "inferno", "greys", "rgb");

  /**
   * One picture's values.
   *
   * @param group maps of one group share a colour scale when runs are compared (one saliency method, one layer's
   *     channels); a group's maps have one unit
   * @param name what the map shows within its group (an image, a channel), matched by name between runs
   * @param colours how it is drawn: {@code diverging} (a scale symmetric about 0), {@code viridis}, {@code inferno},
   *     {@code greys} (min to max), or {@code rgb} (three channels as an image, min to max)
   * @param unit what the values are ("attribution", "activation", "weight", "input")
   * @param axes what the rows and columns are, when they are named (a lesion map's classes × channels); else null
   */
  public record ValueMap(String group, String name, String colours, String unit, int channels, int height, int width,
      float[] values, Axes axes) {
    public ValueMap(String group, String name, String colours, String unit, int channels, int height, int width,
        float[] values) {
      this(group, name, colours, unit, channels, height, width, values, null);
    }

    public ValueMap {
      if (axes != null && (axes.rows().size() != height || axes.columns().size() != width)) {
        throw new IllegalArgumentException(String.format("%d row and %d column labels for %d×%d values",
            axes.rows().size(), axes.columns().size(), height, width));
      }
      if (!COLOURS.contains(colours)) throw new IllegalArgumentException("colours must be one of " + COLOURS);
      if (channels < 1 || height < 1 || width < 1 || values.length != channels * height * width) {
        throw new IllegalArgumentException(String.format("%d values for %d×%d×%d", values.length, channels,
            height, width));
      }
      if (colours.equals("rgb") != (channels == 3)) throw new IllegalArgumentException("rgb maps have 3 channels");
      if (!colours.equals("rgb") && channels != 1) throw new IllegalArgumentException("one channel, or rgb");
    }

    /** A one-channel map. */
    public static ValueMap of(String group, String name, String colours, String unit, int height, int width,
        float[] values) {
      return new ValueMap(group, name, colours, unit, 1, height, width, values);
    }

    /** This map with its rows and columns named. */
    public ValueMap withAxes(Axes a) {
      return new ValueMap(group, name, colours, unit, channels, height, width, values, a);
    }

    /**
     * Whether {@code o} has this map's group, name and shape (and row and column names, when both have them), so
     * their values correspond element by element.
     */
    public boolean matches(ValueMap o) {
      return group.equals(o.group) && name.equals(o.name) && channels == o.channels && height == o.height
          && width == o.width && (axes == null || o.axes == null || axes.equals(o.axes));
    }
  }

  /** A map's rows and columns by name: what they are ("class", "channel") and each one's label. */
  public record Axes(String rowTitle, List<String> rows, String columnTitle, List<String> columns) {
    public Axes {
      rows = List.copyOf(rows);
      columns = List.copyOf(columns);
    }
  }

  public ValueMaps {
    maps = List.copyOf(maps);
  }

  /** The maps as the figure's {@code .values.json} attachment. */
  public Figure.Attachment attachment() {
    return new Figure.Attachment(SUFFIX, "json", bytes());
  }

  public byte[] bytes() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ArrayNode arr = root.putArray("maps");
    for (ValueMap m : maps) {
      ObjectNode o = arr.addObject();
      o.put("group", m.group());
      o.put("name", m.name());
      o.put("colours", m.colours());
      o.put("unit", m.unit());
      o.put("channels", m.channels());
      o.put("height", m.height());
      o.put("width", m.width());
      if (m.axes() != null) {
        ObjectNode a = o.putObject("axes");
        a.put("row_title", m.axes().rowTitle());
        m.axes().rows().forEach(a.putArray("rows")::add);
        a.put("column_title", m.axes().columnTitle());
        m.axes().columns().forEach(a.putArray("columns")::add);
      }
      ByteBuffer buf = ByteBuffer.allocate(4 * m.values().length).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : m.values()) buf.putFloat(v);
      o.put("float32_le", Base64.getEncoder().encodeToString(buf.array()));
    }
    return (root.toString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Reads what {@link #bytes} wrote. */
  public static ValueMaps read(byte[] bytes) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IOException("not a deepfig values file (format " + root.path("format").asText("missing") + ")");
    }
    List<ValueMap> out = new ArrayList<>();
    for (JsonNode o : root.path("maps")) {
      ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(o.path("float32_le").asText()))
          .order(ByteOrder.LITTLE_ENDIAN);
      float[] v = new float[buf.remaining() / 4];
      for (int i = 0; i < v.length; i++) v[i] = buf.getFloat();
      try {
        out.add(new ValueMap(o.path("group").asText(), o.path("name").asText(), o.path("colours").asText(),
            o.path("unit").asText(), o.path("channels").asInt(), o.path("height").asInt(), o.path("width").asInt(),
            v, axes(o.get("axes"))));
      } catch (IllegalArgumentException e) {
        throw new IOException("bad map " + o.path("name").asText() + ": " + e.getMessage(), e);
      }
    }
    return new ValueMaps(out);
  }

  private static Axes axes(JsonNode a) {
    if (a == null || a.isNull()) return null;
    List<String> rows = new ArrayList<>();
    a.path("rows").forEach(n -> rows.add(n.asText()));
    List<String> columns = new ArrayList<>();
    a.path("columns").forEach(n -> columns.add(n.asText()));
    return new Axes(a.path("row_title").asText(), rows, a.path("column_title").asText(), columns);
  }
}
