package org.deepfig.config;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.impl.PropertyValueBuffer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The options of config records as their {@link Doc} declares them: the default ({@link Doc#def}) put in place of a
 * missing key and the range ({@link Doc#min}, {@link Doc#max}, {@link Doc#above}) checked, before the record's
 * constructor runs. The loader does it while Jackson binds a record ({@link #binding()}); code that builds a record
 * itself calls {@link #create} or {@link #defaults}. A value out of range is a {@link ConfigValueException} naming
 * the key, so the loader points at its line.
 */
public final class Declared {
  private Declared() {}

  /** Reads the declared defaults as the user would write them: YAML, snake_case keys. */
  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  /** Per record class: the parsed default of each component (null where none is declared), in component order. */
  private static final ClassValue<Object[]> DEFAULTS = new ClassValue<>() {
    @Override
    protected Object[] computeValue(Class<?> type) {
      RecordComponent[] rcs = type.getRecordComponents();
      Object[] out = new Object[rcs == null ? 0 : rcs.length];
      for (int i = 0; i < out.length; i++) out[i] = parse(rcs[i]);
      return out;
    }
  };

  /** The default {@code rc} declares, as a value of its type; null when it declares none (or only describes one). */
  public static Object defaultOf(RecordComponent rc) {
    RecordComponent[] all = rc.getDeclaringRecord().getRecordComponents();
    for (int i = 0; i < all.length; i++) {
      if (all[i].getName().equals(rc.getName())) return DEFAULTS.get(rc.getDeclaringRecord())[i];
    }
    throw new IllegalArgumentException(rc.toString());
  }

  /** {@code type} built from {@code args} (one per component, null for a key left out) with the declared defaults. */
  public static <R extends Record> R create(Class<R> type, Object... args) {
    Object[] filled = apply(type, args);
    try {
      Constructor<R> c = type.getDeclaredConstructor(Arrays.stream(type.getRecordComponents())
          .map(RecordComponent::getType).toArray(Class<?>[]::new));
      c.setAccessible(true);
      return c.newInstance(filled);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code type} with every key left out: the defaults. */
  public static <R extends Record> R defaults(Class<R> type) {
    return create(type, new Object[type.getRecordComponents().length]);
  }

  /** The constructor arguments with the defaults in place of missing keys, each checked against its range. */
  static Object[] apply(Class<?> type, Object[] args) {
    RecordComponent[] rcs = type.getRecordComponents();
    if (rcs == null || rcs.length != args.length) {
      throw new IllegalArgumentException(type.getSimpleName() + " takes " + (rcs == null ? 0 : rcs.length)
          + " values, got " + args.length);
    }
    Object[] defaults = DEFAULTS.get(type);
    Object[] out = args.clone();
    for (int i = 0; i < rcs.length; i++) {
      Doc d = rcs[i].getAnnotation(Doc.class);
      boolean absent = out[i] == null
          || (d != null && d.emptyIsDefault() && out[i] instanceof List<?> l && l.isEmpty());
      if (absent && defaults[i] != null) out[i] = defaults[i];
      check(rcs[i], out[i]);
    }
    return out;
  }

  /** Checks {@code value} (a number, or each number of a list) against the range {@code rc} declares. */
  static void check(RecordComponent rc, Object value) {
    Doc d = rc.getAnnotation(Doc.class);
    if (d == null || value == null || (d.min().isEmpty() && d.max().isEmpty() && d.above().isEmpty())) return;
    String key = ConfigSchema.key(rc);
    if (value instanceof Number n) {
      range(key, n, d);
    } else if (value instanceof List<?> list) {
      for (Object e : list) if (e instanceof Number n) range(key, n, d);
    }
  }

  private static void range(String key, Number n, Doc d) {
    double v = n.doubleValue();
    if (!d.above().isEmpty()) {
      ConfigValueException.above(key, v, Double.parseDouble(d.above()), d.def(), d.defText());
    }
    boolean min = !d.min().isEmpty();
    boolean max = !d.max().isEmpty();
    if (min && max) ConfigValueException.between(key, v, Double.parseDouble(d.min()), Double.parseDouble(d.max()));
    else if (min) ConfigValueException.atLeast(key, v, Double.parseDouble(d.min()));
    else if (max) ConfigValueException.atMost(key, v, Double.parseDouble(d.max()));
  }

  private static Object parse(RecordComponent rc) {
    Doc d = rc.getAnnotation(Doc.class);
    if (d == null || d.def().isEmpty()) return null;
    if (!d.defText().isEmpty()) throw new IllegalStateException(where(rc) + ": give def or defText, not both");
    try {
      Object v = YAML.readValue(d.def(), YAML.constructType(rc.getGenericType()));
      if (v instanceof List<?> l) v = Collections.unmodifiableList(new ArrayList<>(l));
      check(rc, v);
      return v;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(where(rc) + ": @Doc def '" + d.def() + "' is not a value of the key ("
          + e.getMessage() + "); a default computed from other values is described with defText", e);
    }
  }

  /** Whether {@code yaml} reads as a value of {@code rc}'s type (a described default that is also a plain value). */
  static boolean isValue(RecordComponent rc, String yaml) {
    if (yaml.isBlank()) return false;
    try {
      return YAML.readValue(yaml, YAML.constructType(rc.getGenericType())) != null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String where(RecordComponent rc) {
    return rc.getDeclaringRecord().getSimpleName() + "." + rc.getName();
  }

  private static final ClassValue<String[]> SPELLINGS = new ClassValue<>() {
    @Override
    protected String[] computeValue(Class<?> type) {
      Object[] constants = type.getEnumConstants();
      String[] out = new String[constants.length];
      for (int i = 0; i < out.length; i++) {
        Enum<?> e = (Enum<?>) constants[i];
        try {
          com.fasterxml.jackson.annotation.JsonProperty p = type.getField(e.name())
              .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
          out[i] = p != null && !p.value().isEmpty() ? p.value() : e.name().toLowerCase(java.util.Locale.ROOT);
        } catch (NoSuchFieldException ex) {
          throw new IllegalStateException(ex); // every enum constant is a field
        }
      }
      return out;
    }
  };

  /**
   * How a config file spells an enum constant: its {@code @JsonProperty} name, else its name in lower case. The
   * option enums return it from {@code toString()}, so captions, parameter tables and file names read as before.
   */
  public static String spelling(Enum<?> e) {
    return SPELLINGS.get(e.getDeclaringClass())[e.ordinal()];
  }

  /** Whether any component of {@code type} declares a default or a range. */
  private static boolean declares(Class<?> type) {
    for (RecordComponent rc : type.getRecordComponents()) {
      Doc d = rc.getAnnotation(Doc.class);
      if (d != null && !(d.def().isEmpty() && d.min().isEmpty() && d.max().isEmpty() && d.above().isEmpty())) {
        return true;
      }
    }
    return false;
  }

  /** The Jackson modifier that applies the declarations to every config record the loader binds. */
  static BeanDeserializerModifier binding() {
    return new BeanDeserializerModifier() {
      @Override
      public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription desc,
          BeanDeserializerBuilder builder) {
        Class<?> type = desc.getBeanClass();
        if (type.isRecord() && declares(type) && builder.getValueInstantiator() != null) {
          builder.setValueInstantiator(new Instantiator(builder.getValueInstantiator(), type));
        }
        return builder;
      }
    };
  }

  /** Fills in defaults and checks ranges between Jackson reading a record's keys and calling its constructor. */
  private static final class Instantiator extends ValueInstantiator.Delegating {
    private final Class<?> type;

    Instantiator(ValueInstantiator delegate, Class<?> type) {
      super(delegate);
      this.type = type;
    }

    @Override
    public ValueInstantiator createContextual(DeserializationContext ctxt, BeanDescription desc)
        throws JsonMappingException {
      ValueInstantiator d = delegate().createContextual(ctxt, desc);
      return d == delegate() ? this : new Instantiator(d, type);
    }

    @Override
    public Object createFromObjectWith(DeserializationContext ctxt, SettableBeanProperty[] props,
        PropertyValueBuffer buffer) throws IOException {
      return createFromObjectWith(ctxt, buffer.getParameters(props));
    }

    @Override
    public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) throws IOException {
      Object[] filled;
      try {
        filled = args.length == type.getRecordComponents().length ? apply(type, args) : args;
      } catch (ConfigValueException e) {
        // the same exception the record's constructor would have caused, so the loader reports it the same way
        throw ValueInstantiationException.from(ctxt.getParser(), "Cannot construct instance of "
            + type.getName() + ", problem: " + e.getMessage(), ctxt.constructType(type), e);
      }
      return delegate().createFromObjectWith(ctxt, filled);
    }
  }
}
