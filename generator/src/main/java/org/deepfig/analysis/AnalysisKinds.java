package org.deepfig.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.deepfig.config.FigureSpec;

/** The registered analysis kinds, found through {@link ServiceLoader}. */
public final class AnalysisKinds {
  private static volatile Map<String, AnalysisKind<?>> all;

  private AnalysisKinds() {}

  public static Map<String, AnalysisKind<?>> all() {
    if (all == null) {
      Map<String, AnalysisKind<?>> m = new TreeMap<>();
      for (AnalysisKind<?> k : ServiceLoader.load(AnalysisKind.class)) {
        if (m.put(k.kind(), k) != null) throw new IllegalStateException("two analyses claim kind " + k.kind());
      }
      all = java.util.Collections.unmodifiableMap(m); // sorted by kind: schema and docs list kinds in a stable order
    }
    return all;
  }

  public static Map<String, Class<? extends FigureSpec>> specTypes() {
    Map<String, Class<? extends FigureSpec>> m = new LinkedHashMap<>();
    all().forEach((k, v) -> m.put(k, v.specType()));
    return m;
  }

  /** The kind whose options record is {@code spec}'s class. */
  @SuppressWarnings("unchecked")
  public static <S extends FigureSpec> AnalysisKind<S> forSpec(S spec) {
    for (AnalysisKind<?> k : all().values()) {
      if (k.specType() == spec.getClass()) return (AnalysisKind<S>) k;
    }
    throw new IllegalStateException("no analysis registered for " + spec.getClass());
  }

  public static Map<String, String> descriptions() {
    Map<String, String> m = new LinkedHashMap<>();
    all().forEach((k, v) -> m.put(k, v.description()));
    return m;
  }

  public static List<String> names() {
    return List.copyOf(all().keySet());
  }
}
