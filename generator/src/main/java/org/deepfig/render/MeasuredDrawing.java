package org.deepfig.render;

/**
 * A drawing whose size its constructor (or its layout step) works out once and stores: the two getters in one place
 * for the drawings that lay themselves out ({@link Panels.PanelGrid}, {@link Sized}, the playground's network, the
 * volume diagram).
 */
public abstract class MeasuredDrawing implements Drawing {
  /** Width in points, set by the subclass's layout. */
  protected double width;

  /** Height in points, set by the subclass's layout. */
  protected double height;

  @Override
  public final double width() {
    return width;
  }

  @Override
  public final double height() {
    return height;
  }
}
