package org.deepfig.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Config numbers as Jackson reads them, but finite: {@code 1e999} would otherwise become infinity without a word
 * (YAML's {@code .inf} and {@code .nan} already fail in the parser; {@link ConfigLoader} names both the same way).
 */
final class FiniteDouble extends StdScalarDeserializer<Double> {
  /** A number too large for a double, with the text it was written as. */
  static final class NonFinite extends InvalidFormatException {
    NonFinite(JsonParser p, String text) {
      super(p, "not a finite number: " + text, text, Double.class);
    }
  }

  @SuppressWarnings("unchecked")
  private static final JsonDeserializer<Double> JACKSONS =
      (JsonDeserializer<Double>) NumberDeserializers.find(Double.class, Double.class.getName());

  FiniteDouble() {
    super(Double.class);
  }

  @Override
  public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    Double v = JACKSONS.deserialize(p, ctxt);
    if (v != null && !Double.isFinite(v)) throw new NonFinite(p, p.getText());
    return v;
  }
}
