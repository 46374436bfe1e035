package org.deepfig.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a config key (a record component) or documents a config section (a record), once: the text, the default
 * and the range go into the JSON Schema ({@link ConfigSchema}), the config reference and kind pages
 * ({@link ConfigDocs}) and {@code deepfig schema}, and {@link Declared} applies the same default and range when a
 * record is bound from YAML (or built with {@link Declared#create}), so a record's compact constructor keeps only the
 * rules that involve several keys and the defaults that depend on other values.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE, ElementType.FIELD})
public @interface Doc {
  String value();

  /**
   * The default, written as the user would write it in YAML ({@code 0.15}, {@code grey}, {@code [0, 1]}): parsed
   * into the key's type and put in place of a missing key. Empty when the key has no fixed default.
   */
  String def() default "";

  /**
   * A default the record computes (from other keys or the data), described for the docs ("the last convolution",
   * "16 up to 64-px images, 8 above"); the key stays null until the record or the analysis decides. Only one of
   * {@code def} and {@code defText} is given.
   */
  String defText() default "";

  /** Inclusive lower bound for numbers (each element of a list of numbers), as text; empty when unbounded. */
  String min() default "";

  /** Inclusive upper bound for numbers (each element of a list of numbers), as text; empty when unbounded. */
  String max() default "";

  /** Exclusive lower bound ({@code 0}: positive), as text; empty when none. Not together with {@code min}. */
  String above() default "";

  /** For a list with a {@code def}: an empty list also means the default. */
  boolean emptyIsDefault() default false;
}
