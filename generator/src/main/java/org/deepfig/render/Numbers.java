package org.deepfig.render;

import java.util.Locale;

/** Numbers as text in figures, captions and messages: always in the root locale (a decimal point, never a comma). */
public final class Numbers {
  private Numbers() {}

  /** {@link String#format} in {@link Locale#ROOT}. */
  public static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** A whole number without a decimal point ({@code 30}), any other as Java writes it ({@code 0.25}). */
  public static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
