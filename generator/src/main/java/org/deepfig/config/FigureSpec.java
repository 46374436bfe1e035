package org.deepfig.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The options of one entry of {@code figures:}. Each analysis kind has its own record implementing this; the
 * {@code kind} key chooses the record. Implementations are registered by {@code org.deepfig.analysis.AnalysisKind}.
 */
public interface FigureSpec {
  /**
   * Marks the options record of a kind drawn, with its defaults, by a config without {@code figures:};
   * {@code order} places it among those (lowest first).
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface DrawnByDefault {
    int order();
  }
}
