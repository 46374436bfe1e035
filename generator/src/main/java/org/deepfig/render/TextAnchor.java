package org.deepfig.render;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;

/**
 * Draws a string placed by an anchor point, using {@link Typography#MEASURE} metrics so placement is the same in every
 * output format. Strings go through {@link Graphics2D#drawString}, so SVG and PDF keep them as text.
 */
public final class TextAnchor {
  /** Horizontal placement of the text relative to the anchor x. */
  public enum Align { START, CENTRE, END }

  private TextAnchor() {}

  /** Draws {@code text} with its baseline-left, centre or right at (x, baseline). */
  public static void draw(Graphics2D g, String text, Font font, double x, double baseline, Align align) {
    g.setFont(font);
    g.drawString(text, (float) (x - offset(font, text, align)), (float) baseline);
  }

  /** Draws {@code text} so that its capital letters are centred vertically on y. */
  public static void drawMiddle(Graphics2D g, String text, Font font, double x, double y, Align align) {
    draw(g, text, font, x, y + Typography.capHeight(font) / 2, align);
  }

  /**
   * Draws {@code text} rotated by {@code degrees} (negative = counter-clockwise, reading upwards) about the anchor,
   * aligned along its own direction and centred vertically on the anchor.
   */
  public static void drawRotated(
      Graphics2D g, String text, Font font, double x, double y, double degrees, Align align) {
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    g.rotate(Math.toRadians(degrees));
    drawMiddle(g, text, font, 0, 0, align);
    g.setTransform(saved);
  }

  private static double offset(Font font, String text, Align align) {
    return switch (align) {
      case START -> 0;
      case CENTRE -> Typography.width(font, text) / 2;
      case END -> Typography.width(font, text);
    };
  }
}
