package org.deepfig.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user guide's option tables, generated from the same records and {@link Doc} annotations as the JSON Schema
 * ({@link ConfigSchema}): the config reference and one page per figure kind. The prose of a kind's page (what it
 * shows, the method, the reference) is hand-written in {@code site/prose/kinds/KIND.md} and placed after the table.
 */
public final class ConfigDocs {
  /** The sections of a config, in the order the reference lists them. */
  private static final Map<String, Class<?>> SECTIONS = sections();

  private ConfigDocs() {}

  private static Map<String, Class<?>> sections() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("data", DataConfig.class);
    m.put("data.slices", SlicesConfig.class);
    m.put("model", ModelConfig.class);
    m.put("train", TrainConfig.class);
    m.put("output", OutputConfig.class);
    m.put("card", CardConfig.class);
    return m;
  }

  /** One option of a section or figure kind, as the docs show it. */
  /**
   * One option of a section or figure kind, as the docs show it: {@code def} is the declared default value (as YAML),
   * {@code defText} the description of a default computed from other values.
   */
  public record Option(String key, String type, String def, String defText, String range, String text) {
    /** The default as the table shows it: the value, else its description; empty when there is none. */
    public String shownDefault() {
      return def.isEmpty() ? defText : def;
    }
  }

  /** The options of a config record, in declaration order. */
  public static List<Option> options(Class<?> record) {
    List<Option> out = new ArrayList<>();
    for (RecordComponent rc : record.getRecordComponents()) {
      Doc d = rc.getAnnotation(Doc.class);
      out.add(new Option(ConfigSchema.key(rc), type(rc.getGenericType()), d == null ? "" : d.def(),
          d == null ? "" : d.defText(), range(d), d == null ? "" : d.value()));
    }
    return out;
  }

  /** The config reference page: the top-level keys, then a table per section. */
  public static String configPage() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Config reference\n\n").append(GENERATED).append('\n');
    sb.append("""
        A config is a YAML file; every key is optional and has the default shown. Unknown keys, wrong types and values
        out of range are errors that name the file, line and column (with a suggestion for a misspelled key). Editors
        that speak JSON Schema complete and check configs with `configs/deepfig.schema.json` (`deepfig schema` prints
        it); these tables come from the same declarations.

        Start from `configs/shapes-lenet.yaml`. `deepfig validate CONFIG` checks a config, its files and every layer,
        image and channel its figures name, without running it.

        ## Top level

        """);
    table(sb, options(ExperimentConfig.class).stream()
        .filter(o -> !SECTIONS.containsKey(o.key()) && !o.key().equals("figures")).toList());
    SECTIONS.forEach((name, type) -> {
      sb.append("\n## `").append(name).append("`\n\n");
      Doc d = type.getAnnotation(Doc.class);
      if (d != null) sb.append(d.value()).append("\n\n");
      table(sb, options(type));
    });
    sb.append("\n## `figures`\n\nThe analyses, in report order: a list of entries, each with a `kind` and that "
        + "kind's options (see the page of each kind). Without `figures`, a run draws `training-curves` and "
        + "`confusion`.\n");
    return sb.toString();
  }

  /** A figure kind's page: title and sentence, an example entry, the options table, then the hand-written prose. */
  public static String kindPage(String kind, Class<? extends FigureSpec> spec, String description, String prose) {
    boolean titled = prose.startsWith("# ");
    String title = titled ? prose.lines().findFirst().orElseThrow() : "# " + kind;
    String body = (titled ? prose.substring(title.length()) : prose).strip();
    StringBuilder sb = new StringBuilder();
    sb.append(title).append("\n\n").append(GENERATED).append('\n');
    sb.append(Character.toUpperCase(description.charAt(0))).append(description.substring(1)).append(".\n\n");
    sb.append("```yaml\nfigures:\n  - kind: ").append(kind).append('\n');
    java.lang.reflect.RecordComponent[] components = spec.getRecordComponents();
    List<Option> declared = options(spec);
    for (int i = 0; i < declared.size(); i++) {
      Option o = declared.get(i);
      // the declared default, or a described one that is itself a value of the key (channels: 16)
      String value = !o.def().isEmpty() ? o.def() : Declared.isValue(components[i], o.defText()) ? o.defText() : "";
      if (!value.isEmpty() && !value.contains(" ")) {
        sb.append("    ").append(o.key()).append(": ").append(value).append('\n');
      }
    }
    sb.append("```\n\n## Options\n\n");
    List<Option> options = options(spec);
    if (options.isEmpty()) sb.append("This kind has no options of its own.\n");
    else table(sb, options);
    sb.append("\nLike every entry, it also takes `size:` (`screen`, `column`, `page`, `slide` or "
        + "`{width: 89mm, font: 8pt}`), which overrides `output.size` for this figure.\n");
    sb.append('\n').append(body).append("\n\n");
    sb.append("![").append(title.substring(2)).append(", from the README's gallery](../images/").append(kind)
        .append(".png)\n");
    return sb.toString();
  }

  static final String GENERATED = "<!-- generated from the config records' @Doc declarations by ConfigDocs "
      + "(ConfigDocsTest keeps it in step): edit those, or the prose in site/prose/, not this file -->\n";

  private static void table(StringBuilder sb, List<Option> options) {
    sb.append("| key | type | default | allowed | what it does |\n|---|---|---|---|---|\n");
    for (Option o : options) {
      sb.append("| `").append(o.key()).append("` | ").append(o.type()).append(" | ")
          .append(o.shownDefault().isEmpty() ? "—" : "`" + o.shownDefault() + "`").append(" | ").append(o.range()).append(" | ")
          .append(o.text().replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")).append(" |\n");
    }
  }

  private static String range(Doc d) {
    if (d != null && !d.above().isEmpty()) return "> " + d.above() + (d.max().isEmpty() ? "" : ", ≤ " + d.max());
    if (d == null || (d.min().isEmpty() && d.max().isEmpty())) return "";
    if (d.max().isEmpty()) return "≥ " + d.min();
    if (d.min().isEmpty()) return "≤ " + d.max();
    return d.min() + " – " + d.max();
  }

  private static String type(Type t) {
    if (t instanceof ParameterizedType pt && pt.getRawType() == List.class) {
      return "list of " + type(pt.getActualTypeArguments()[0]).replaceFirst("^one of", "values among");
    }
    Class<?> c = (Class<?>) t;
    if (c == String.class) return "text";
    if (c == Integer.class || c == Long.class || c == int.class || c == long.class) return "whole number";
    if (c == Double.class || c == Float.class || c == double.class) return "number";
    if (c == Boolean.class || c == boolean.class) return "true / false";
    if (c.isEnum()) {
      List<String> values = new ArrayList<>();
      for (Object e : c.getEnumConstants()) values.add("`" + ConfigSchema.enumName((Enum<?>) e) + "`");
      return "one of " + String.join(", ", values);
    }
    if (c == FigureSpec.class) return "figure entries";
    if (c == ImageChoice.class) return "images (index, path, class or rule)";
    if (c == ChannelPick.class) return "whole number or list of channel indices";
    if (c == SnapshotsConfig.class) return "list of epochs or `{every: N}`";
    if (c == FigureSize.class) return "`screen`, `column`, `page`, `slide` or `{width: 89mm, font: 8pt}`";
    return "section";
  }
}
