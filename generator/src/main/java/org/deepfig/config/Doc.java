package org.deepfig.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents a config key (a record component) or a config section (a record): the text goes into the JSON Schema,
 * the README's config reference and {@code deepfig schema}. {@code def} is the default as the user would write it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE, ElementType.FIELD})
public @interface Doc {
  String value();

  String def() default "";

  /** Inclusive lower bound for numbers, as text; empty when unbounded. */
  String min() default "";

  /** Inclusive upper bound for numbers, as text; empty when unbounded. */
  String max() default "";
}
