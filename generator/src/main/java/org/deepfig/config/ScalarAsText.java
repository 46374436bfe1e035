package org.deepfig.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * For the few text keys whose documented values YAML reads as numbers or booleans ({@code target: true}, a class
 * named {@code 3}): the scalar as written. Every other text key refuses numbers and booleans (see
 * {@link ConfigLoader}), so {@code title: true} is an error rather than the title "true".
 */
public final class ScalarAsText extends StdScalarDeserializer<String> {
  public ScalarAsText() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE
        || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getText();
    }
    return (String) ctxt.handleUnexpectedToken(String.class, p);
  }
}
