package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;

/**
 * A {@code channels:} option that takes either how many channels to show ({@code 16}: the analysis picks them) or
 * which ones ({@code [3, 17, 1024]}). Written back as the user wrote it.
 */
@JsonDeserialize(using = ChannelPick.Reader.class)
public record ChannelPick(Integer count, List<Integer> indices) {
  public ChannelPick {
    if ((count == null) == (indices == null)) throw new IllegalArgumentException("a count or a list of indices");
    // not List.copyOf: a null entry ([1, ~]) must reach check(), which names it, rather than fail here
    indices = indices == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(indices));
  }

  public static ChannelPick count(int n) {
    return new ChannelPick(n, null);
  }

  public boolean isList() {
    return indices != null;
  }

  @JsonValue
  Object json() {
    return count != null ? count : indices;
  }

  /** Checks a count against [1, max] or every index against ≥ 0, reporting under {@code key}. */
  public void check(String key, int max) {
    if (count != null) {
      ConfigValueException.between(key, count, 1, max);
    } else {
      ConfigValueException.check(!indices.isEmpty(), key, key + " lists no channel",
          "list channel indices, or give a number of channels");
      ConfigValueException.check(indices.stream().noneMatch(java.util.Objects::isNull), key, key + " lists an empty entry",
          "list channel indices (whole numbers)");
      for (int i : indices) {
        ConfigValueException.check(i >= 0, key, "channel indices start at 0, got " + i, "use indices from 0");
      }
      ConfigValueException.check(indices.stream().distinct().count() == indices.size(), key,
          key + " lists a channel twice", "list each channel once");
    }
  }

  static final class Reader extends StdDeserializer<ChannelPick> {
    Reader() {
      super(ChannelPick.class);
    }

    @Override
    public ChannelPick deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) return count(p.getIntValue());
      if (p.currentToken() == JsonToken.START_ARRAY) {
        List<Integer> list = ctxt.readValue(p, ctxt.getTypeFactory().constructCollectionType(List.class,
            Integer.class));
        return new ChannelPick(null, list);
      }
      return (ChannelPick) ctxt.handleUnexpectedToken(ChannelPick.class, p);
    }
  }
}
