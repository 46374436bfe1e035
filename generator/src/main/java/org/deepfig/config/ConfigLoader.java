package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.deepfig.UserError;
import org.deepfig.provenance.Json;
import org.deepfig.provenance.Hashes;

/**
 * Reads experiment YAML into {@link ExperimentConfig}, strictly: an unknown key, a wrong type or an out-of-range
 * value is a {@link UserError} naming {@code file:line:column} and the fix, with the nearest valid key suggested.
 */
public final class ConfigLoader {
  /** Larger configs are refused unread: SnakeYAML takes quadratic time on a long quoted scalar. */
  public static final long MAX_BYTES = 1 << 20;
  private static final Pattern NON_NUMERIC = Pattern.compile("Malformed numeric value '([^']*)'");
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
  private interface FigureSpecMixin {}

  private final Map<String, Class<? extends FigureSpec>> figureKinds;
  private final ObjectMapper yaml;
  private final ObjectMapper canonical;
  /** Where each parsed {@code figures:} entry came from, by identity, for errors raised while it runs. */
  private final Map<FigureSpec, Origin> origins = Collections.synchronizedMap(new IdentityHashMap<>());

  /** The {@code size:} of {@code figures:} entries that override {@code output.size}, by identity. */
  private final Map<FigureSpec, FigureSize> sizes = Collections.synchronizedMap(new IdentityHashMap<>());

  private record Origin(String text, String where, int index) {}

  /**
   * Takes the {@code size} key of any {@code figures:} entry (the one option every kind has) before the kind's own
   * record sees it, keyed by the entry's index in the list.
   */
  private static final class EntrySizes extends DeserializationProblemHandler {
    static final String ATTRIBUTE = "deepfig.entry-sizes";

    @Override
    @SuppressWarnings("unchecked")
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
        Object beanOrClass, String propertyName) throws IOException {
      Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
      Object sizes = ctxt.getAttribute(ATTRIBUTE);
      if (!propertyName.equals("size") || !FigureSpec.class.isAssignableFrom(type) || sizes == null) return false;
      JsonStreamContext entry = p.getParsingContext().getParent();
      while (entry != null && !entry.inArray()) entry = entry.getParent();
      if (entry == null) return false;
      try {
        ((Map<Integer, FigureSize>) sizes).put(entry.getCurrentIndex(), ctxt.readValue(p, FigureSize.class));
      } catch (JsonMappingException e) {
        throw JsonMappingException.wrapWithPath(e, beanOrClass, "size"); // so the error points at the size: key
      }
      return true;
    }
  }

  /** The size a {@code figures:} entry asks for with its own {@code size:} key, if any (else output.size holds). */
  public Optional<FigureSize> sizeOf(FigureSpec spec) {
    return Optional.ofNullable(sizes.get(spec));
  }

  /** @param figureKinds the {@code kind:} names of {@code figures:} entries and their option records */
  public ConfigLoader(Map<String, Class<? extends FigureSpec>> figureKinds) {
    this.figureKinds = Map.copyOf(figureKinds);
    YAMLFactory factory = YAMLFactory.builder().build();
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.yaml = configure(Json.snakeCase(factory)).build();
    this.canonical = configure(Json.snakeCase())
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  private JsonMapper.Builder configure(JsonMapper.Builder b) {
    b.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        // 1.9 for an integer key would silently become 1; true or 3 for a text key would become "true" or "3"
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS) // optimizer: 1 would silently be sgd
        .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .addModule(new SimpleModule("finite numbers").addDeserializer(Double.class, new FiniteDouble()))
        .addModule(new SimpleModule("declared options").setDeserializerModifier(Declared.binding()))
        .addMixIn(FigureSpec.class, FigureSpecMixin.class)
        .addHandler(new EntrySizes());
    figureKinds.forEach((kind, type) -> b.registerSubtypes(new NamedType(type, kind)));
    return b;
  }

  public ExperimentConfig load(Path file) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new UserError(file.toString(), String.format(Locale.ROOT, "the config is %.1f MB; configs are "
            + "limited to 1 MB", size / 1048576.0), "is this the right file? A config is a short YAML file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UserError(file.toString(), "config file not found", "check the path");
    } catch (IOException e) {
      throw new UserError(file.toString(), "cannot read config: " + e.getMessage(), "check the file's permissions");
    }
    String text = decodeUtf8(bytes, file.toString());
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    return parse(text, file.toString(), stem);
  }

  /** Parses YAML text; {@code where} names it in errors, {@code name} is the default title and output folder. */
  public ExperimentConfig parse(String text, String where, String name) {
    if (text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
      throw new UserError(where + ":1:1", "the config is empty", "start from configs/shapes-lenet.yaml");
    }
    ExperimentConfig config;
    Map<Integer, FigureSize> entrySizes = new java.util.HashMap<>();
    try {
      config = yaml.readerFor(ExperimentConfig.class).withAttribute(EntrySizes.ATTRIBUTE, entrySizes).readValue(text);
    } catch (JsonProcessingException e) {
      throw toUserError(e, text, where);
    }
    if (config == null) {
      throw new UserError(where + ":1:1", "the config is empty", "start from configs/shapes-lenet.yaml");
    }
    if (config.figures() != null) {
      for (int i = 0; i < config.figures().size(); i++) {
        origins.put(config.figures().get(i), new Origin(text, where, i));
        if (entrySizes.containsKey(i)) sizes.put(config.figures().get(i), entrySizes.get(i));
      }
    }
    if (config.title().equals("deepfig experiment")) config = config.withTitle(name);
    if (config.figures() == null) config = config.withFigures(defaultFigures());
    if (config.output().dir() == null) {
      config = config.withOutput(config.output().withDir("out/" + name));
    }
    return config;
  }

  /**
   * An error an analysis raised about one of its options while running ({@code where} is {@code "figures:
   * KIND.KEY"}, as the analyses write it), moved to the config position of that {@code figures:} entry's key, or
   * of the entry when the key is not written; any other error, or one about an entry not parsed here, unchanged.
   */
  public UserError locate(FigureSpec spec, UserError e) {
    Origin origin = origins.get(spec);
    if (origin == null || e.where() == null || !e.where().startsWith("figures: ")) return e;
    String option = e.where().substring("figures: ".length());
    String key = option.substring(option.indexOf('.') + 1);
    List<String> entry = List.of("figures", Integer.toString(origin.index()));
    Optional<JsonLocation> loc = YamlLocator.find(origin.text(), append(entry, key))
        .or(() -> YamlLocator.find(origin.text(), entry));
    if (loc.isEmpty()) return e;
    return new UserError(at(origin.where(), loc.get()), option + ": " + e.getMessage(), e.fix(), e);
  }

  /** The text of a config file, or an error naming the line, column and byte offset of the first invalid byte. */
  private static String decodeUtf8(byte[] bytes, String where) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) r = decoder.flush(out);
    if (r.isError()) {
      int offset = in.position();
      String before = new String(bytes, 0, offset, StandardCharsets.UTF_8);
      int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
      int column = before.length() - before.lastIndexOf('\n');
      throw new UserError(where + ":" + line + ":" + column, String.format(Locale.ROOT,
          "the config is not UTF-8 text (invalid byte 0x%02X at byte offset %d)", bytes[offset] & 0xFF, offset),
          "save the file as UTF-8 (in a Latin-1 editor: re-encode it; with iconv: iconv -f latin1 -t utf-8)");
    }
    return out.flip().toString();
  }

  /** The kinds whose options record is {@link FigureSpec.DrawnByDefault}, in its order, each with its defaults. */
  private List<FigureSpec> defaultFigures() {
    List<FigureSpec> out = new ArrayList<>();
    List<String> kinds = figureKinds.entrySet().stream()
        .filter(e -> e.getValue().isAnnotationPresent(FigureSpec.DrawnByDefault.class))
        .sorted(java.util.Comparator.comparingInt(e -> e.getValue().getAnnotation(FigureSpec.DrawnByDefault.class)
            .order()))
        .map(Map.Entry::getKey).toList();
    for (String kind : kinds) {
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
    return Hashes.sha256(canonicalJson(configOrSection));
  }

  public ObjectMapper canonicalMapper() {
    return canonical;
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
    if ((e instanceof ValueInstantiationException || e.getClass() == JsonMappingException.class)
        && e.getCause() instanceof ConfigValueException c) {
      // a record's constructor names a key inside it; a value's own reader (a size) names a key or nothing
      List<String> keyPath = c.key().isEmpty() ? path : append(path, c.key());
      Optional<JsonLocation> keyLoc = YamlLocator.find(text, keyPath);
      return new UserError(at(where, keyLoc.orElse(loc)), "invalid " + String.join(".", keyPath) + ": "
          + c.getMessage(), c.fix(), e);
    }
    if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
      List<String> allowed = Arrays.stream(f.getTargetType().getEnumConstants())
          .map(x -> yamlName((Enum<?>) x)).toList();
      String value = String.valueOf(f.getValue());
      String fix = Suggestions.nearest(value, allowed).map(s -> "did you mean '" + s + "'?")
          .orElse("use one of " + String.join(", ", allowed));
      // at the value as written (a value read through a tree, as an image entry's rule, has lost its position)
      return new UserError(at(where, YamlLocator.findValue(text, path).orElse(loc)), "invalid value '" + value
          + "' for " + dotted, fix, e);
    }
    Optional<String> nonNumeric = e instanceof FiniteDouble.NonFinite n ? Optional.of(String.valueOf(n.getValue()))
        : nonNumericValue(e);
    if (nonNumeric.isPresent()) {
      return new UserError(at(where, YamlLocator.find(text, path).orElse(loc)), dotted + " must be a finite number, "
          + "got " + nonNumeric.get(), "write a number such as 0.5 here (YAML's .inf and .nan are not allowed)", e);
    }
    if (e instanceof MismatchedInputException m) {
      String expected = m.getTargetType() == null ? "another type" : describe(m.getTargetType());
      String got = e instanceof InvalidFormatException f && f.getValue() != null ? ", got " + f.getValue() : "";
      String fix = "write " + expected + " here";
      if (m.getTargetType() == String.class && !got.isEmpty()) {
        fix += "; put it in quotes (\"" + ((InvalidFormatException) e).getValue() + "\") if you mean that text";
      }
      return new UserError(at(where, YamlLocator.find(text, path).orElse(loc)), "wrong type for "
          + (dotted.isEmpty() ? "the config" : dotted) + ": expected " + expected + got, fix, e);
    }
    String msg = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML");
    return new UserError(at(where, loc), "malformed YAML: " + msg, "fix the YAML syntax at this position", e);
  }

  /** The text of a number YAML allows but Java does not parse ({@code .inf}, {@code -.Inf}, {@code .nan}), if any. */
  private static Optional<String> nonNumericValue(JsonProcessingException e) {
    Throwable t = e instanceof StreamReadException ? e : e.getCause();
    if (!(t instanceof StreamReadException r)) return Optional.empty();
    Matcher m = NON_NUMERIC.matcher(r.getOriginalMessage());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
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
    if (type == ImageChoice.class) return "a test-image index or {path: FILE}, {class: NAME, count: N} or {rule: RULE, count: N}";
    if (type == ChannelPick.class) return "a number of channels or a list of channel indices";
    if (type == SnapshotsConfig.class) return "a list of epochs or {every: N}";
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(x -> yamlName((Enum<?>) x))
          .collect(Collectors.joining(", "));
    }
    return "a section of keys";
  }

  /** How YAML spells an enum constant: its {@code @JsonProperty} name, else its name in lower case. */
  private static String yamlName(Enum<?> e) {
    return Declared.spelling(e);
  }

  private static String at(String where, JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 1) return where;
    return where + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
  }
}
