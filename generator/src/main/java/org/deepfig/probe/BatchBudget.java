package org.deepfig.probe;

import org.deepfig.model.Network;

/**
 * How many images go through the network in one batch: as many as fit a memory budget, at most {@link #MAX}. A
 * batch size fixed for 28-px images (256) asks ResNet-50 at 224 px with its 158 layers recorded for 33 GB in one
 * forward pass; the budget keeps native memory bounded whatever the model and image size.
 *
 * <p>The budget is {@value #DEFAULT_MB} MB, or {@code DEEPFIG_BATCH_MB} from the environment. A pass's memory per
 * image is {@link Network#bytesPerImage}: the input and the recorded layers' outputs, times {@value #GRADIENT_FACTOR}
 * when gradients are taken (autograd keeps what backward needs, and the gradients themselves), and at least
 * {@value #MIN_INPUT_MULTIPLE} times the input (layers the model does not list still hold their outputs).
 */
public final class BatchBudget {
  public static final int MAX = 256;
  static final long DEFAULT_MB = 1024;
  static final int GRADIENT_FACTOR = 3;
  static final int MIN_INPUT_MULTIPLE = 32;
  public static final String ENV = "DEEPFIG_BATCH_MB";

  private BatchBudget() {}

  /** Images per batch for a forward pass ({@code gradient} false) or a forward and backward pass. */
  public static int images(Network network, boolean taps, boolean gradient) {
    return images(network.bytesPerImage(taps || gradient), 4 * network.graph().inputShape().size(), gradient,
        budgetBytes());
  }

  /**
   * As {@link #images(Network, boolean, boolean)}, at most {@code atMost} (a batch size an option or the work
   * asks for), and at least one: the clamp every caller would otherwise write.
   */
  public static int images(Network network, boolean taps, boolean gradient, int atMost) {
    return Math.max(1, Math.min(atMost, images(network, taps, gradient)));
  }

  /** As {@link #images(Network, boolean, boolean)}, from the sizes: for tests and for the cost estimate. */
  static int images(long bytesPerImage, long inputBytes, boolean gradient, long budget) {
    long per = Math.max(bytesPerImage, MIN_INPUT_MULTIPLE * inputBytes) * (gradient ? GRADIENT_FACTOR : 1);
    return (int) Math.max(1, Math.min(MAX, budget / Math.max(1, per)));
  }

  static long budgetBytes() {
    String v = System.getenv(ENV);
    long mb = DEFAULT_MB;
    if (v != null && !v.isBlank()) {
      try {
        mb = Math.max(16, Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        mb = DEFAULT_MB;
      }
    }
    return mb << 20;
  }
}
