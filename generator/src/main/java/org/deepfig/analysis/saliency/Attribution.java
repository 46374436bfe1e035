package org.deepfig.analysis.saliency;

/**
 * One attribution method (a strategy). {@link #attribute} returns, for each of the n images, a map over the
 * input (n × C × H × W, same layout as the images) or, for coarse methods, already reduced to n × H × W.
 */
interface Attribution {
  String name();

  /** Whether the map has a meaningful sign (shown in a diverging colour map) or is a magnitude. */
  boolean signed();

  /** Whether it needs to see inside the network (layer blocks, ReLUs); imported models may not allow that. */
  default boolean needsInternals() {
    return false;
  }

  /**
   * Whether it runs the network's layer blocks one by one (a modified backward pass): a TorchScript model shows its
   * layers' outputs but not their blocks, so these methods cannot run on it.
   */
  default boolean needsLayerBlocks() {
    return false;
  }

  /** n × H × W maps for display and scoring. */
  float[] attribute(SaliencyContext s, float[] images, int n, int[] targets);
}
