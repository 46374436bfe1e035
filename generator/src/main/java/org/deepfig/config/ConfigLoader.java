package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.deepfig.UserError;

/**
 * Reads experiment YAML into {@link ExperimentConfig}, strictly: an unknown key, a wrong type or an out-of-range
 * value is a {@link UserError} naming {@code file:line:column} and the fix, with the nearest valid key suggested.
 */
public final class ConfigLoader {
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
  private interface FigureSpecMixin {}

  private final Map<String, Class<? extends FigureSpec>> figureKinds;
  private final ObjectMapper yaml;
  private final ObjectMapper canonical;

  /** @param figureKinds the {@code kind:} names of {@code figures:} entries and their option records */
  public ConfigLoader(Map<String, Class<? extends FigureSpec>> figureKinds) {
    this.figureKinds = Map.copyOf(figureKinds);
    YAMLFactory factory = YAMLFactory.builder().build();
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.yaml = configure(JsonMapper.builder(factory)).build();
    this.canonical = configure(JsonMapper.builder())
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  private JsonMapper.Builder configure(JsonMapper.Builder b) {
    b.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .addMixIn(FigureSpec.class, FigureSpecMixin.class);
    figureKinds.forEach((kind, type) -> b.registerSubtypes(new NamedType(type, kind)));
    return b;
  }

  public ExperimentConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError(file.toString(), "config file not found", "check the path");
    } catch (IOException e) {
      throw new UserError(file.toString(), "cannot read config: " + e.getMessage(), "check the file's permissions");
    }
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    return parse(text, file.toString(), stem);
  }

  /** Parses YAML text; {@code where} names it in errors, {@code name} is the default title and output folder. */
  public ExperimentConfig parse(String text, String where, String name) {
    if (text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
      throw new UserError(where + ":1:1", "the config is empty", "start from configs/shapes-lenet.yaml");
    }
    ExperimentConfig config;
    try {
      config = yaml.readValue(text, ExperimentConfig.class);
    } catch (JsonProcessingException e) {
      throw toUserError(e, text, where);
    }
    if (config == null) {
      throw new UserError(where + ":1:1", "the config is empty", "start from configs/shapes-lenet.yaml");
    }
    if (config.title().equals("deepfig experiment")) config = config.withTitle(name);
    if (config.figures() == null) config = config.withFigures(defaultFigures());
    if (config.output().dir() == null) {
      OutputConfig o = config.output();
      config = config.withOutput(new OutputConfig("out/" + name, o.formats(), o.dpi(), o.templates()));
    }
    return config;
  }

  private List<FigureSpec> defaultFigures() {
    List<FigureSpec> out = new ArrayList<>();
    for (String kind : List.of("training-curves", "confusion")) {
      Class<? extends FigureSpec> type = figureKinds.get(kind);
      if (type == null) continue;
      try {
        out.add(yaml.readValue("kind: " + kind, FigureSpec.class));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** The normalised config as sorted JSON: the same experiment written differently gives the same text. */
  public String canonicalJson(Object configOrSection) {
    try {
      return canonical.writeValueAsString(configOrSection);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public String sha256(Object configOrSection) {
    return sha256Hex(canonicalJson(configOrSection).getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public ObjectMapper canonicalMapper() {
    return canonical;
  }

  public Map<String, Class<? extends FigureSpec>> figureKinds() {
    return figureKinds;
  }

  private UserError toUserError(JsonProcessingException e, String text, String where) {
    List<String> path = new ArrayList<>();
    if (e instanceof JsonMappingException m) {
      for (JsonMappingException.Reference r : m.getPath()) {
        path.add(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
      }
    }
    String dotted = String.join(".", path);
    JsonLocation loc = e.getLocation();

    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = u.getKnownPropertyIds() == null ? List.of()
          : u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      String fix = Suggestions.nearest(u.getPropertyName(), known)
          .map(s -> "did you mean '" + s + "'?")
          .orElse("valid keys here: " + String.join(", ", known));
      JsonLocation keyLoc = YamlLocator.find(text, path).orElse(loc);
      return new UserError(at(where, keyLoc), "unknown key '" + dotted + "'", fix, e);
    }
    if (e instanceof InvalidTypeIdException t) {
      String id = t.getTypeId();
      TreeSet<String> kinds = new TreeSet<>(figureKinds.keySet());
      if (id == null) {
        return new UserError(at(where, loc), "a figures entry has no 'kind'",
            "add kind: one of " + String.join(", ", kinds), e);
      }
      String fix = Suggestions.nearest(id, kinds).map(s -> "did you mean '" + s + "'?")
          .orElse("valid kinds: " + String.join(", ", kinds));
      Optional<JsonLocation> kindLoc = YamlLocator.find(text, append(path, "kind"));
      return new UserError(at(where, kindLoc.orElse(loc)), "unknown figure kind '" + id + "'", fix, e);
    }
    if (e instanceof ValueInstantiationException v && v.getCause() instanceof ConfigValueException c) {
      List<String> keyPath = append(path, c.key());
      Optional<JsonLocation> keyLoc = YamlLocator.find(text, keyPath);
      return new UserError(at(where, keyLoc.orElse(loc)), "invalid " + String.join(".", keyPath) + ": "
          + c.getMessage(), c.fix(), e);
    }
    if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
      List<String> allowed = Arrays.stream(f.getTargetType().getEnumConstants())
          .map(x -> ((Enum<?>) x).name().toLowerCase()).toList();
      String value = String.valueOf(f.getValue());
      String fix = Suggestions.nearest(value, allowed).map(s -> "did you mean '" + s + "'?")
          .orElse("use one of " + String.join(", ", allowed));
      return new UserError(at(where, loc), "invalid value '" + value + "' for " + dotted, fix, e);
    }
    if (e instanceof MismatchedInputException m) {
      String expected = m.getTargetType() == null ? "another type" : describe(m.getTargetType());
      return new UserError(at(where, loc), "wrong type for " + (dotted.isEmpty() ? "the config" : dotted)
          + ": expected " + expected, "write " + expected + " here", e);
    }
    String msg = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML");
    return new UserError(at(where, loc), "malformed YAML: " + msg, "fix the YAML syntax at this position", e);
  }

  private static List<String> append(List<String> path, String key) {
    List<String> out = new ArrayList<>(path);
    out.add(key);
    return out;
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "a whole number";
    if (type == Double.class || type == double.class || type == Float.class) return "a number";
    if (type == String.class) return "a text value";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (List.class.isAssignableFrom(type)) return "a list";
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(x -> ((Enum<?>) x).name().toLowerCase())
          .collect(Collectors.joining(", "));
    }
    return "a section of keys";
  }

  private static String at(String where, JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 1) return where;
    return where + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
  }
}
