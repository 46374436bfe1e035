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

  /** {@code v} to {@code digits} significant digits ({@code %g}) with a true minus sign: "−0.0123", "4.56e+03". */
  public static String significant(double v, int digits) {
    return withMinus(String.format(Locale.ROOT, "%." + digits + "g", v));
  }

  /** {@code text} with a leading hyphen-minus made a true minus sign (U+2212), as typeset figures write it. */
  public static String withMinus(String text) {
    return text.startsWith("-") ? "\u2212" + text.substring(1) : text;
  }
}
